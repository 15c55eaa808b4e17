using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace MailRouting.IntegrationTests.Detection;

/// <summary>
/// A domain's autoconfig host on loopback: serves a Thunderbird config file at /mail/config-v1.1.xml.
/// </summary>
public sealed class AutoconfigHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private AutoconfigHost(WebApplication app, int port) => (this.app, Port) = (app, port);

    public int Port { get; }

    /// <summary>The email addresses the file was asked for, as the emailaddress parameter gave them.</summary>
    public List<string> AskedFor { get; } = [];

    public static async Task<AutoconfigHost> StartAsync(string file)
    {
        var port = AppProcess.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var host = new AutoconfigHost(app, port);
        app.MapGet("/mail/config-v1.1.xml", (HttpRequest request) =>
        {
            host.AskedFor.Add(request.Query["emailaddress"].ToString());
            return Results.Text(file, "text/xml");
        });
        await app.StartAsync();
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    /// <summary>A port where something accepts connections (as an SMTP server would) and nothing else.</summary>
    public static TcpListener ListeningPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return listener;
    }
}
