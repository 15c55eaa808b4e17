using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace MailRouting.Web.Security;

/// <summary>
/// Network:TrustedProxies: the reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed. Behind a proxy
/// every client would otherwise share the proxy's address, and wrong passwords from one client would hold back all.
/// </summary>
public static class TrustedProxies
{
    public const string Section = "Network:TrustedProxies";

    /// <exception cref="OptionsValidationException">An entry is not an IP address.</exception>
    public static void UseTrustedProxies(this WebApplication app)
    {
        var configured = app.Configuration.GetSection(Section).Get<string[]>() ?? [];
        if (configured.Length == 0)
        {
            return;
        }

        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var entry in configured)
        {
            options.KnownProxies.Add(IPAddress.TryParse(entry.Trim(), out var proxy)
                ? proxy
                : throw new OptionsValidationException(Section, typeof(string[]), [$"{Section} has '{entry}', which is not an IP address."]));
        }

        app.UseForwardedHeaders(options);
    }
}
