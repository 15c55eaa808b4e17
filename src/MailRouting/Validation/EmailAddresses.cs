using System.Text.RegularExpressions;

namespace MailRouting.Validation;

public static partial class EmailAddresses
{
    /// <summary>A plain addr-spec such as support@acme.test (no display name, no angle brackets).</summary>
    public static bool IsValid(string? address) =>
        address is not null && Address().IsMatch(address) && IsDomain(address[(address.LastIndexOf('@') + 1)..]);

    /// <summary>An address or a whole-domain pattern such as *@acme.test.</summary>
    public static bool IsAddressOrDomainPattern(string? value) =>
        value is not null && (value.StartsWith("*@", StringComparison.Ordinal) ? IsDomain(value[2..]) : IsValid(value));

    public static bool IsHostName(string? host) =>
        !string.IsNullOrWhiteSpace(host) && Uri.CheckHostName(host) is UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6;

    /// <summary>An address or host name as stored: trimmed, without the trailing dot of a fully qualified domain, case kept.</summary>
    public static string Stored(string value) => value.Trim().TrimEnd('.');

    /// <summary>
    /// An address as compared: trimmed, lower case, without the trailing dot a fully qualified domain may carry
    /// ("Jane@Acme.test." and "jane@acme.test" are one address).
    /// </summary>
    public static string Canonical(string address) => Stored(address).ToLowerInvariant();

    /// <summary>A host name as compared: trimmed, lower case, without a trailing dot.</summary>
    public static string Host(string host) => Stored(host).ToLowerInvariant();

    public static bool Same(string? first, string? second) =>
        first is not null && second is not null && Canonical(first) == Canonical(second);

    private static bool IsDomain(string domain) => Uri.CheckHostName(domain) == UriHostNameType.Dns;

    [GeneratedRegex(@"^[^@\s<>(),;:""\[\]\\]+@[^@\s<>(),;:""\[\]\\]+$", RegexOptions.None, matchTimeoutMilliseconds: 100)]
    private static partial Regex Address();
}
