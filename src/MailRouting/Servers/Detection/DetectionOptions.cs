using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;

namespace MailRouting.Servers.Detection;

/// <summary>
/// How "detect from an email address" looks (<c>Detection:*</c>): the autoconfig addresses tried, the ports probed,
/// the networks it may reach besides the public internet, and how long it may take in all.
/// </summary>
public sealed record DetectionOptions(IReadOnlyList<string> AutoconfigUrls, IReadOnlyList<(int Port,
    SmtpSecurity Security)> ProbePorts,
    IReadOnlyList<(IPAddress Network, int Prefix)> AllowedNetworks, TimeSpan Deadline, TimeSpan StepTimeout)
{
    public const string Section = "Detection";

    /// <summary>Thunderbird's two places for a domain's own settings ({domain} and {email} are filled in).</summary>
    public static readonly string[] DefaultAutoconfigUrls =
    [
        "https://autoconfig.{domain}/mail/config-v1.1.xml?emailaddress={email}",
        "https://{domain}/.well-known/autoconfig/mail/config-v1.1.xml?emailaddress={email}",
    ];

    public static DetectionOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var urls = section.GetSection("AutoconfigUrls").Get<string[]>() is { Length: > 0 } configured
            ? configured
            : DefaultAutoconfigUrls;
        var ports = List(section["ProbePorts"] ?? "465/SslOnConnect,587/StartTls").Select(ProbePort).ToList();
        var networks = List(section["AllowedNetworks"] ?? "").Select(Network).ToList();
        return new DetectionOptions(urls, ports, networks,
            TimeSpan.FromSeconds(section.GetValue<double?>("DeadlineSeconds") ?? 15), TimeSpan.FromSeconds(5));
    }

    private static string[] List(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static (int, SmtpSecurity) ProbePort(string text)
    {
        var parts = text.Split('/');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            && port is > 0 and < 65536 && Enum.TryParse<SmtpSecurity>(parts[1], out var security)
                ? (port, security)
                : throw new InvalidOperationException(
                    $"Detection:ProbePorts: \"{text}\" is not PORT/SECURITY, such as 587/StartTls.");
    }

    private static (IPAddress, int) Network(string text)
    {
        var parts = text.Split('/');
        return parts.Length == 2 && IPAddress.TryParse(parts[0], out var network)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix)
                ? (network, prefix)
                : throw new InvalidOperationException(
                    $"Detection:AllowedNetworks: \"{text}\" is not a network such as 10.0.0.0/8.");
    }
}
