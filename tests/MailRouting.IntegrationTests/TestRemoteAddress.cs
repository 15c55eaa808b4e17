using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace MailRouting.IntegrationTests;

/// <summary>
/// The in-memory test server has no network peer: a request may name the address it stands for in the header
/// <see cref="Header"/>, so tests can sign in "from" two places. Only the test host has this.
/// </summary>
public sealed class TestRemoteAddress : IStartupFilter
{
    public const string Header = "X-Test-Remote-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, following) =>
        {
            if (context.Request.Headers[Header] is [{ } address] && IPAddress.TryParse(address, out var parsed))
            {
                context.Connection.RemoteIpAddress = parsed;
            }

            return following(context);
        });
        next(app);
    };
}
