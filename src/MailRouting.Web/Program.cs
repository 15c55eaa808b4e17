using MailRouting;
using MailRouting.Web.Infrastructure;
using Serilog;

if (args is [HealthCheckCommand.Flag, var healthUrl])
{
    return await HealthCheckCommand.RunAsync(healthUrl);
}

var builder = WebApplication.CreateBuilder(args).UseDefaultUrlWhenNoneConfigured();
// Each host keeps its own logger rather than the static one, so several apps in one process (the tests) never write to each other's files.
builder.Host.UseSerilog((context, services, log) => log.ConfigureMailRoutingLogging(context.Configuration, context.HostingEnvironment), preserveStaticLogger: true);
builder.Services.AddMailRouting(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddMailRoutingWeb();

var app = builder.Build();
await app.InitializeDatabaseAsync();
app.UseMailRoutingWeb();
await app.RunAsync();
return 0;

public partial class Program;
