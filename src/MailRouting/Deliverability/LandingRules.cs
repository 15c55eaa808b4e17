namespace MailRouting.Deliverability;

/// <summary>
/// Turns what SPF, DKIM and DMARC say into what a receiver will decide, with the fix. Pure: the lookups happen before.
/// The envelope sender is always the From address (DESIGN §2), so a passing SPF is always aligned for DMARC; a DKIM
/// key of the From domain or a parent is aligned too.
/// </summary>
public static class LandingRules
{
    /// <param name="dkim">The key the server signs with; null when it does not sign this mail.</param>
    public static LandingForecast Forecast(string from, SendingSource source, SpfCheck spf, DmarcPolicy dmarc,
        DkimFinding? dkim = null)
    {
        var domain = spf.Domain;
        string[] dkimFinding = dkim is null ? [] : [DkimSentence(dkim)];
        string[] findings = [SpfFinding(spf, source), .. dkimFinding, DmarcFinding(dmarc)];
        if (spf.Result == SpfResult.TempError || dmarc.DnsFailed || dkim?.State == Dkim.DkimRecordState.Unknown)
        {
            return new LandingForecast(LandingVerdict.Unknown, $"Whether receivers accept mail from {from} through "
                + "this server is unknown: DNS did not answer. It is asked again the next time this is shown.",
                findings, null, null);
        }

        if (spf.Result == SpfResult.Pass)
        {
            return dmarc.Published
                ? new LandingForecast(LandingVerdict.Accepted,
                    $"DMARC passes through SPF: receivers will accept mail from {from} through this server.",
                    findings, null, null)
                : new LandingForecast(LandingVerdict.Accepted,
                    $"Receivers will accept mail from {from} through this server.", findings,
                    $"Publish a DMARC policy for {domain}, so others cannot send as it; start with p=none to collect "
                    + "reports.", new DnsTxtRecord("_dmarc." + domain, "v=DMARC1; p=none"));
        }

        var (fix, publish) = Fix(spf, source);
        if (dkim is { Verifies: true })
        {
            return new LandingForecast(LandingVerdict.Accepted,
                $"DMARC passes through DKIM: receivers will accept mail from {from} through this server.", findings,
                fix + " Then mail passes even where a signature breaks on the way.", publish);
        }

        var (verdict, summary) = Unproven(from, spf, dmarc);
        return dkim is null
            ? new LandingForecast(verdict, summary, findings,
                fix + $" Or have the server sign with a DKIM key of {domain}, which DMARC accepts instead.", publish)
            : new LandingForecast(verdict, summary, findings,
                $"Publish the record of the DKIM key {dkim.Key.Selector} (see DKIM keys), or "
                + char.ToLowerInvariant(fix[0]) + fix[1..],
                new DnsTxtRecord(dkim.Key.RecordName, dkim.Key.RecordValue));
    }

    private static string DkimSentence(DkimFinding dkim) => dkim.Verifies
        ? $"It is signed with the DKIM key {dkim.Key.Selector} of {dkim.Key.Domain}, published in DNS."
        : $"It is signed with the DKIM key {dkim.Key.Selector} of {dkim.Key.Domain}, but DNS does not have that key at "
            + $"{dkim.Key.RecordName}: receivers fail the signature.";

    private static string SpfFinding(SpfCheck spf, SendingSource source) => spf.Result switch
    {
        SpfResult.Pass => $"SPF of {spf.Domain} allows {source.Description} ({spf.Reason}).",
        SpfResult.Fail => $"SPF of {spf.Domain} does not allow {source.Description} ({spf.Reason}: fail).",
        SpfResult.SoftFail => $"SPF of {spf.Domain} does not allow {source.Description} ({spf.Reason}: softfail).",
        SpfResult.Neutral => $"SPF of {spf.Domain} says nothing about {source.Description} ({spf.Reason}: neutral).",
        SpfResult.None => $"{spf.Domain} publishes no SPF record.",
        SpfResult.PermError =>
            $"The SPF record of {spf.Domain} is broken: {spf.Reason}; receivers treat it as a permanent error.",
        _ => $"DNS did not answer, so SPF of {spf.Domain} could not be checked ({spf.Reason}).",
    };

    private static string DmarcFinding(DmarcPolicy dmarc) => dmarc switch
    {
        { DnsFailed: true } => $"DNS did not answer for _dmarc.{dmarc.Domain}.",
        { Published: false } => $"{dmarc.Domain} publishes no DMARC policy.",
        _ => $"DMARC of {dmarc.Domain}: p={dmarc.Disposition.ToString().ToLowerInvariant()}"
            + (dmarc.Percent < 100 ? $" for {dmarc.Percent}% of failing mail." : "."),
    };

    private static (LandingVerdict, string) Unproven(string from, SpfCheck spf, DmarcPolicy dmarc) =>
        dmarc.Disposition switch
        {
            DmarcDisposition.Reject =>
                (LandingVerdict.Rejected, $"DMARC p=reject: mail from {from} through this server will be rejected."),
            DmarcDisposition.Quarantine =>
                (LandingVerdict.Spam, $"DMARC p=quarantine: mail from {from} through this server will land in spam."),
            _ when spf.Result == SpfResult.Fail => (LandingVerdict.Rejected,
                $"SPF fails: many receivers reject mail from {from} through this server, the rest mark it as spam."),
            _ => (LandingVerdict.Spam,
                $"Nothing proves this server may send as {spf.Domain}: mail from {from} through it may land in spam."),
        };

    private static (string Fix, DnsTxtRecord? Publish) Fix(SpfCheck spf, SendingSource source) => spf switch
    {
        { Result: SpfResult.None } => ($"Publish an SPF record for {spf.Domain} that allows this server, with the "
            + $"other servers that send as {spf.Domain}.",
            new DnsTxtRecord(spf.Domain, $"v=spf1 {source.Allowing} ~all")),
        { Result: SpfResult.PermError, Lookups: > SpfEvaluation.LookupLimit } => ("Bring the SPF record of "
            + $"{spf.Domain} down to {SpfEvaluation.LookupLimit} DNS lookups: replace include: terms with the ip4: and "
            + "ip6: ranges they stand for.", null),
        { Result: SpfResult.PermError } => ($"Correct the SPF record of {spf.Domain}: {spf.Reason}.", null),
        _ => ($"Add {source.Allowing} to the SPF record of {spf.Domain}.",
            new DnsTxtRecord(spf.Domain, spf.Record!.Insert("v=spf1".Length, " " + source.Allowing))),
    };
}
