using System.Globalization;

namespace MailRouting.Deliverability;

/// <summary>
/// Finds the DMARC policy of a From domain by DMARCbis's tree walk: <c>_dmarc.</c> of the domain, then of each parent
/// up to the one below the top-level domain (so no public suffix list is needed). A parent's record applies with its
/// sp= policy when it has one.
/// </summary>
public sealed class DmarcLookup(IDomainRecords dns)
{
    private const int MaxLabels = 8;

    public async Task<DmarcPolicy> FindAsync(string fromDomain, CancellationToken ct)
    {
        var labels = fromDomain.TrimEnd('.').Split('.');
        for (var skip = Math.Max(0, labels.Length - MaxLabels); skip <= labels.Length - 2; skip++)
        {
            var domain = string.Join('.', labels[skip..]);
            var answer = await dns.TxtAsync("_dmarc." + domain, ct);
            if (answer.Failed)
            {
                return DmarcPolicy.Unknown(domain);
            }

            if (answer.Records.FirstOrDefault(r => r.StartsWith("v=DMARC1", StringComparison.Ordinal)) is { } record)
            {
                return Parse(domain, record, forParent: skip > 0);
            }
        }

        return DmarcPolicy.NotPublished(fromDomain);
    }

    public static DmarcPolicy Parse(string domain, string record, bool forParent)
    {
        var tags = record.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => t.Split('=', 2, StringSplitOptions.TrimEntries)).Where(t => t.Length == 2)
            .GroupBy(t => t[0].ToLowerInvariant()).ToDictionary(g => g.Key, g => g.First()[1]);
        var policy = (forParent ? tags.GetValueOrDefault("sp") : null) ?? tags.GetValueOrDefault("p");
        var percent = int.TryParse(tags.GetValueOrDefault("pct"), NumberStyles.None, CultureInfo.InvariantCulture,
            out var pct)
            ? Math.Clamp(pct, 0, 100)
            : 100;
        return new DmarcPolicy(domain, record, DispositionOf(policy), percent);
    }

    private static DmarcDisposition DispositionOf(string? policy) => policy?.ToLowerInvariant() switch
    {
        "reject" => DmarcDisposition.Reject,
        "quarantine" => DmarcDisposition.Quarantine,
        _ => DmarcDisposition.None,
    };
}
