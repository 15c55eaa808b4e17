using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace MailRouting.Deliverability;

/// <summary>
/// RFC 7208's check_host for one sending address: include, redirect, a, mx, ip4, ip6, exists and all, with macros,
/// the limit of 10 DNS lookups and of 2 lookups that find nothing (§4.6.4). ptr counts as a lookup but never matches
/// (the RFC says not to use it; receivers differ). One instance per check: it counts that check's lookups.
/// </summary>
public sealed class SpfEvaluation(IDomainRecords dns, IPAddress ip, string sender)
{
    public const int LookupLimit = 10;
    private const int VoidLookupLimit = 2;
    private const int MxLimit = 10;

    private int lookups;
    private int voidLookups;

    public async Task<SpfCheck> CheckAsync(string domain, CancellationToken ct)
    {
        string? record = null;
        try
        {
            record = await RecordOfAsync(domain, ct);
            if (record is null)
            {
                return new SpfCheck(SpfResult.None, domain, null, "no SPF record", 0);
            }

            var (result, reason) = await EvaluateAsync(domain, record, ct);
            return new SpfCheck(result, domain, record, reason, lookups);
        }
        catch (SpfAbortedException e)
        {
            return new SpfCheck(e.Result, domain, record, e.Message, lookups);
        }
    }

    /// <returns>The record, or null when the domain has none.</returns>
    private async Task<string?> RecordOfAsync(string domain, CancellationToken ct)
    {
        var answer = await dns.TxtAsync(domain, ct);
        if (answer.Failed)
        {
            throw new SpfAbortedException(SpfResult.TempError, $"DNS did not answer for {domain}");
        }

        var records = answer.Records.Where(IsSpf).ToList();
        return records.Count <= 1 ? records.SingleOrDefault()
            : throw SpfAbortedException.Broken($"{domain} has {records.Count} SPF records, where one is allowed");
    }

    /// <summary>An SPF record: "v=spf1" alone or followed by a space (RFC 7208 §4.5).</summary>
    public static bool IsSpf(string record) =>
        record.Equals("v=spf1", StringComparison.OrdinalIgnoreCase) || record.StartsWith("v=spf1 ",
            StringComparison.OrdinalIgnoreCase);

    /// <returns>The result and the term that decided it.</returns>
    private async Task<(SpfResult Result, string Term)> EvaluateAsync(string domain, string record,
        CancellationToken ct)
    {
        string? redirect = null;
        foreach (var term in record.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1))
        {
            if (IsModifier(term, out var name, out var value))
            {
                if (name.Equals("redirect", StringComparison.OrdinalIgnoreCase))
                {
                    redirect = redirect is null
                        ? value : throw SpfAbortedException.Broken($"{domain} has two redirect= modifiers");
                }

                continue;
            }

            var qualified = "+-~?".Contains(term[0]);
            if (await MatchesAsync(qualified ? term[1..] : term, domain, ct))
            {
                return (ResultOf(qualified ? term[0] : '+'), term);
            }
        }

        if (redirect is null)
        {
            return (SpfResult.Neutral, "no term matched");
        }

        var target = CountedTarget(redirect, domain);
        var targetRecord = await RecordOfAsync(target,
            ct) ?? throw SpfAbortedException.Broken($"redirect={target} has no SPF record");
        return ((await EvaluateAsync(target, targetRecord, ct)).Result, $"redirect={target}");
    }

    private static SpfResult ResultOf(char qualifier) => qualifier switch
    {
        '-' => SpfResult.Fail,
        '~' => SpfResult.SoftFail,
        '?' => SpfResult.Neutral,
        _ => SpfResult.Pass,
    };

    private static bool IsModifier(string term, out string name, out string value)
    {
        var equals = term.IndexOf('=');
        var isModifier = equals > 0 && char.IsAsciiLetter(term[0])
            && term[..equals].All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
        (name, value) = isModifier ? (term[..equals], term[(equals + 1)..]) : ("", "");
        return isModifier;
    }

    private async Task<bool> MatchesAsync(string mechanism, string domain, CancellationToken ct)
    {
        var nameEnd = mechanism.IndexOfAny([':', '/']);
        var name = (nameEnd < 0 ? mechanism : mechanism[..nameEnd]).ToLowerInvariant();
        var argument = nameEnd < 0 ? "" : mechanism[nameEnd..];
        return name switch
        {
            "all" when argument.Length == 0 => true,
            "ip4" => InRange(argument, AddressFamily.InterNetwork, 32),
            "ip6" => InRange(argument, AddressFamily.InterNetworkV6, 128),
            "a" => await AddressMatchesAsync(argument, domain, hosts: null, ct),
            "mx" => await AddressMatchesAsync(argument, domain, hosts: MxHostsAsync, ct),
            "include" => await IncludeMatchesAsync(argument, domain, ct),
            "exists" => await ExistsAsync(argument, domain, ct),
            "ptr" => PtrNeverMatches(argument, domain),
            _ => throw SpfAbortedException.Broken($"\"{mechanism}\" is not an SPF mechanism"),
        };
    }

    private bool InRange(string argument, AddressFamily family, int maxPrefix)
    {
        var (address, prefix) = SplitPrefix(argument.StartsWith(':') ? argument[1..] : throw Malformed(argument),
            maxPrefix);
        if (!IPAddress.TryParse(address, out var network) || network.AddressFamily != family)
        {
            throw Malformed(argument);
        }

        return AddressMatch.InNetwork(ip, network, prefix);
    }

    private static (string Text, int Prefix) SplitPrefix(string text, int maxPrefix)
    {
        var slash = text.IndexOf('/');
        if (slash < 0)
        {
            return (text, maxPrefix);
        }

        return int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture,
            out var prefix) && prefix <= maxPrefix
            ? (text[..slash], prefix)
            : throw Malformed(text);
    }

    /// <summary>a and mx: "[:domain-spec][/ip4-cidr][//ip6-cidr]".</summary>
    private async Task<bool> AddressMatchesAsync(string argument, string domain,
        Func<string, CancellationToken, Task<IReadOnlyList<string>>>? hosts, CancellationToken ct)
    {
        var cidrStart = argument.IndexOf('/');
        var spec = (cidrStart < 0 ? argument : argument[..cidrStart]).TrimStart(':');
        var cidrs = cidrStart < 0 ? "" : argument[cidrStart..];
        var doubleSlash = cidrs.IndexOf("//", StringComparison.Ordinal);
        var v4 = doubleSlash == 0 ? "" : doubleSlash < 0 ? cidrs : cidrs[..doubleSlash];
        var v6 = doubleSlash < 0 ? "" : cidrs[(doubleSlash + 1)..];
        var prefix = ip.AddressFamily == AddressFamily.InterNetwork || ip.IsIPv4MappedToIPv6
            ? SplitPrefix("x" + v4, 32).Prefix
            : SplitPrefix("x" + v6, 128).Prefix;
        var target = CountedTarget(spec, domain);
        var names = hosts is null ? [target] : await hosts(target, ct);
        foreach (var host in names)
        {
            var addresses = await AnswerOrTempErrorAsync(dns.AddressesAsync(host, ct), host);
            if (hosts is null)
            {
                CountIfVoid(addresses);
            }

            if (addresses.Any(a => IPAddress.TryParse(a, out var address)
                && AddressMatch.InNetwork(ip, address, prefix)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>ptr counts against the limit but never matches: no reverse lookup is made.</summary>
    private bool PtrNeverMatches(string argument, string domain)
    {
        _ = CountedTarget(argument.TrimStart(':'), domain);
        return false;
    }

    private async Task<IReadOnlyList<string>> MxHostsAsync(string target, CancellationToken ct)
    {
        var hosts = await AnswerOrTempErrorAsync(dns.MxAsync(target, ct), target);
        CountIfVoid(hosts);
        return hosts.Count <= MxLimit
            ? hosts : throw SpfAbortedException.Broken($"{target} has more than {MxLimit} MX records");
    }

    private async Task<bool> IncludeMatchesAsync(string argument, string domain, CancellationToken ct)
    {
        var target = CountedTarget(argument.StartsWith(':') ? argument[1..] : throw Malformed(argument), domain);
        var record = await RecordOfAsync(target,
            ct) ?? throw SpfAbortedException.Broken($"include:{target} has no SPF record");
        return (await EvaluateAsync(target, record, ct)).Result == SpfResult.Pass;
    }

    private async Task<bool> ExistsAsync(string argument, string domain, CancellationToken ct)
    {
        var target = CountedTarget(argument.StartsWith(':') ? argument[1..] : throw Malformed(argument), domain);
        var addresses = await AnswerOrTempErrorAsync(dns.AddressesAsync(target, ct), target);
        CountIfVoid(addresses);
        return addresses.Any(a => IPAddress.TryParse(a,
            out var address) && address.AddressFamily == AddressFamily.InterNetwork);
    }

    /// <summary>
    /// Counts one DNS-querying term against the limit and expands its domain-spec (the current domain when empty).
    /// </summary>
    private string CountedTarget(string spec, string domain)
    {
        if (++lookups > LookupLimit)
        {
            throw SpfAbortedException.Broken($"more than {LookupLimit} DNS lookups");
        }

        try
        {
            var target = spec.Length == 0 ? domain : SpfMacros.Expand(spec, ip, sender, domain).TrimEnd('.');
            return target.Length > 0 ? target : throw Malformed(spec);
        }
        catch (FormatException e)
        {
            throw SpfAbortedException.Broken($"\"{spec}\": {e.Message}");
        }
    }

    private static async Task<IReadOnlyList<string>> AnswerOrTempErrorAsync(Task<DnsAnswer> question, string name)
    {
        var answer = await question;
        return answer.Failed ? throw new SpfAbortedException(SpfResult.TempError,
            $"DNS did not answer for {name}") : answer.Records;
    }

    private void CountIfVoid(IReadOnlyList<string> records)
    {
        if (records.Count == 0 && ++voidLookups > VoidLookupLimit)
        {
            throw SpfAbortedException.Broken($"more than {VoidLookupLimit} lookups that found nothing");
        }
    }

    private static SpfAbortedException Malformed(string text) => SpfAbortedException.Broken($"\"{text}\" is malformed");
}
