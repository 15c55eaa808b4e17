using System.Net;

namespace MailRouting.Validation;

public static class LoopbackHosts
{
    /// <summary>
    /// "localhost" or a loopback address: the only places plain http (a local provider or stand-in) may go.
    /// </summary>
    public static bool Contains(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
