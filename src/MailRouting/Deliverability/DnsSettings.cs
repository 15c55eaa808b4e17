using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;

namespace MailRouting.Deliverability;

/// <summary>
/// Where the app asks DNS (<c>Dns:Servers</c>, "address" or "address:port", comma-separated; the machine's resolvers
/// when empty), how long one question may take and how long a whole check may take.
/// </summary>
public sealed record DnsSettings(IReadOnlyList<IPEndPoint> Servers, TimeSpan QueryTimeout, TimeSpan CheckDeadline)
{
    public const string Section = "Dns";

    public static DnsSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var servers = (section["Servers"] ?? "").Split(',',
            StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(Parse).ToList();
        return new DnsSettings(servers, Seconds(section, "TimeoutSeconds", 3, 0.1, 60),
            Seconds(section, "CheckDeadlineSeconds", 10, 1, 300));
    }

    private static TimeSpan Seconds(IConfigurationSection section, string key, double fallback, double min, double max)
    {
        var seconds = section.GetValue<double?>(key) ?? fallback;
        return seconds >= min && seconds <= max ? TimeSpan.FromSeconds(seconds)
            : throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"Dns:{key} is {seconds}; it must be between {min} and {max}."));
    }

    private static IPEndPoint Parse(string server)
    {
        if (IPEndPoint.TryParse(server, out var endpoint))
        {
            return endpoint.Port == 0 ? new IPEndPoint(endpoint.Address, 53) : endpoint;
        }

        throw new InvalidOperationException($"Dns:Servers: \"{server}\" is not an IP address with an optional port, "
            + "such as 127.0.0.1:5353 or [::1]:53.");
    }
}
