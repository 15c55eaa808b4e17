using System.Net;
using System.Net.Sockets;

namespace MailRouting.Deliverability;

/// <summary>
/// Whether an address lies in a network given as an address and a prefix length (host bits may be set, as SPF allows).
/// </summary>
public static class AddressMatch
{
    public static bool InNetwork(IPAddress address, IPAddress network, int prefixLength)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != network.AddressFamily)
        {
            return false;
        }

        var bits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (prefixLength < 0 || prefixLength > bits)
        {
            return false;
        }

        var a = address.GetAddressBytes();
        var n = network.GetAddressBytes();
        var wholeBytes = prefixLength / 8;
        if (!a.AsSpan(0, wholeBytes).SequenceEqual(n.AsSpan(0, wholeBytes)))
        {
            return false;
        }

        var rest = prefixLength % 8;
        var mask = (byte)(0xFF << (8 - rest));
        return rest == 0 || (a[wholeBytes] & mask) == (n[wholeBytes] & mask);
    }
}
