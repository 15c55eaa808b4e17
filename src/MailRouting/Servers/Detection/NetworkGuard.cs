using System.Net;
using System.Net.Sockets;
using MailRouting.Deliverability;

namespace MailRouting.Servers.Detection;

/// <summary>
/// Where detection may connect: a host name an admin typed (or DNS gave for it) is resolved here, and only a public
/// address, or one in <see cref="DetectionOptions.AllowedNetworks"/>, is ever connected to; never loopback, private,
/// link-local or shared space otherwise.
/// </summary>
public sealed class NetworkGuard(IDomainRecords dns, DetectionOptions options)
{
    private static readonly (IPAddress Network, int Prefix)[] Internal =
    [
        (IPAddress.Parse("0.0.0.0"), 8), (IPAddress.Parse("10.0.0.0"), 8), (IPAddress.Parse("100.64.0.0"), 10),
        (IPAddress.Parse("127.0.0.0"), 8), (IPAddress.Parse("169.254.0.0"), 16), (IPAddress.Parse("172.16.0.0"), 12),
        (IPAddress.Parse("192.168.0.0"), 16), (IPAddress.Parse("::"), 127), (IPAddress.Parse("fc00::"), 7),
        (IPAddress.Parse("fe80::"), 10),
    ];

    /// <returns>The first address of the host that may be reached; null when it has none.</returns>
    public async Task<IPAddress?> AllowedAddressAsync(string host, CancellationToken ct)
    {
        var addresses = IPAddress.TryParse(host,
            out var literal) ? [literal.ToString()] : (await dns.AddressesAsync(host, ct)).Records;
        return addresses.Select(IPAddress.Parse).FirstOrDefault(IsAllowed);
    }

    public async Task<Socket> ConnectAsync(string host, int port, CancellationToken ct)
    {
        var address = await AllowedAddressAsync(host, ct)
            ?? throw new SocketException((int)SocketError.HostNotFound);
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(address, port, ct);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private bool IsAllowed(IPAddress address) =>
        options.AllowedNetworks.Any(n => AddressMatch.InNetwork(address, n.Network, n.Prefix))
        || !Internal.Any(n => AddressMatch.InNetwork(address, n.Network, n.Prefix));
}
