using MailRouting.Deliverability;

namespace MailRouting.Dkim;

/// <summary>Looks a key's record up in DNS and compares its p= with the key.</summary>
public sealed class DkimRecordCheck(IDomainRecords dns)
{
    /// <summary>Each key with what DNS has for it, looked up side by side.</summary>
    public async Task<IReadOnlyList<DkimKeySummary>> WithStatesAsync(IReadOnlyList<DkimKeySummary> keys,
        CancellationToken ct) =>
        await Task.WhenAll(keys.Select(async key => key with { Dns = await CheckAsync(key, ct) }));

    public async Task<DkimRecordState> CheckAsync(DkimKeySummary key, CancellationToken ct)
    {
        var answer = await dns.TxtAsync(key.RecordName, ct);
        if (answer.Failed)
        {
            return DkimRecordState.Unknown;
        }

        var published = answer.Records.Select(PublicKeyOf).Where(p => p is not null).ToList();
        var expected = PublicKeyOf(key.RecordValue);
        return published.Count == 0 ? DkimRecordState.Missing
            : published.Contains(expected) ? DkimRecordState.Published
            : DkimRecordState.Different;
    }

    /// <summary>
    /// The p= tag of a DKIM record, without the spaces DNS providers may insert; null for another record.
    /// </summary>
    private static string? PublicKeyOf(string record)
    {
        var tags = record.Split(';', StringSplitOptions.TrimEntries).Select(t => t.Split('=',
            2)).Where(t => t.Length == 2)
            .ToDictionary(t => t[0].Trim(), t => t[1], StringComparer.OrdinalIgnoreCase);
        return tags.TryGetValue("p", out var key) && (!tags.TryGetValue("v",
            out var version) || version.Trim() == "DKIM1")
            ? string.Concat(key.Where(c => !char.IsWhiteSpace(c)))
            : null;
    }
}
