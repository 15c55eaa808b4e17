namespace MailRouting.Web.Infrastructure;

/// <summary>
/// The app listens on http://localhost:5080 unless the usual ASP.NET Core settings say otherwise (ASPNETCORE_URLS, --urls,
/// ASPNETCORE_HTTP_PORTS, Kestrel:Endpoints). A "Urls" key in appsettings.json would override ASPNETCORE_URLS, so the default
/// is applied here, only when none of them is set.
/// </summary>
public static class DefaultUrl
{
    public const string Value = "http://localhost:5080";

    public static WebApplicationBuilder UseDefaultUrlWhenNoneConfigured(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var configured = new[] { "urls", "http_ports", "https_ports" }.Any(key => !string.IsNullOrWhiteSpace(configuration[key]))
            || configuration.GetSection("Kestrel:Endpoints").Exists();
        if (!configured)
        {
            builder.WebHost.UseUrls(Value);
        }

        return builder;
    }
}
