using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;

namespace MailRouting.Deliverability;

/// <summary>
/// Where the app asks DNS (<c>Dns:Servers</c>, "address" or "address:port", comma-separated; the machine's resolvers when
/// empty), how long one question may take and how long a whole check may take.
/// </summary>
public sealed record DnsSettings(IReadOnlyList<IPEndPoint> Servers, TimeSpan QueryTimeout, TimeSpan CheckDeadline)
{
    public const string Section = "Dns";

    public static DnsSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var servers = (section["Servers"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(Parse).ToList();
        return new DnsSettings(servers, TimeSpan.FromSeconds(section.GetValue<double?>("TimeoutSeconds") ?? 3),
            TimeSpan.FromSeconds(section.GetValue<double?>("CheckDeadlineSeconds") ?? 10));
    }

    private static IPEndPoint Parse(string server)
    {
        if (IPEndPoint.TryParse(server, out var endpoint))
        {
            return endpoint.Port == 0 ? new IPEndPoint(endpoint.Address, 53) : endpoint;
        }

        throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
            $"Dns:Servers: \"{server}\" is not an IP address with an optional port, such as 127.0.0.1:5353 or [::1]:53."));
    }
}
