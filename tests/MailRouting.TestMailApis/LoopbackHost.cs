using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MailRouting.TestMailApis;

/// <summary>A stand-in's web server on a free loopback port.</summary>
internal static class LoopbackHost
{
    public static async Task<(WebApplication App, Uri BaseAddress)> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return (app, new Uri(app.Urls.Single().TrimEnd('/') + "/"));
    }

    /// <summary>Both services answer errors as <c>{"error": {"code", "message", ...}}</c>.</summary>
    public static async Task<int> ErrorAsync(HttpContext context, int status, object error)
    {
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(new { error });
        return status;
    }
}
