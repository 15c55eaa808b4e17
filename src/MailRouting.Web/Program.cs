using MailRouting;
using MailRouting.Web;
using Serilog;

var builder = WebApplication.CreateBuilder(args).UseDefaultUrlWhenNoneConfigured();
builder.Host.UseSerilog((context, services, log) => log.ConfigureMailRoutingLogging(context.Configuration, context.HostingEnvironment));
builder.Services.AddMailRouting(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddMailRoutingWeb();

var app = builder.Build();
await app.InitializeDatabaseAsync();
app.UseMailRoutingWeb();
await app.RunAsync();

public partial class Program;
