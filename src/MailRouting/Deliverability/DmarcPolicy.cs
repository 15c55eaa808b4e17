namespace MailRouting.Deliverability;

/// <summary>The DMARC policy that applies to a From domain.</summary>
/// <param name="Domain">Where the record was found: the From domain or a parent of it.</param>
/// <param name="Record">Null when no domain on the way up publishes one.</param>
/// <param name="Percent">The pct= tag: the share of failing mail the policy applies to.</param>
/// <param name="DnsFailed">DNS did not answer, so whether a policy applies is unknown.</param>
public sealed record DmarcPolicy(string Domain, string? Record, DmarcDisposition Disposition, int Percent = 100,
    bool DnsFailed = false)
{
    public bool Published => Record is not null;

    public static DmarcPolicy NotPublished(string domain) => new(domain, null, DmarcDisposition.None);

    public static DmarcPolicy Unknown(string domain) => new(domain, null, DmarcDisposition.None, DnsFailed: true);
}
