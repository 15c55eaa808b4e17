using MailRouting.Deliverability;
using MailRouting.Dkim;

namespace MailRouting.Tests.Deliverability;

public sealed class LandingRulesTests
{
    private const string From = "support@acme.test";
    private static readonly SendingSource Source = new("203.0.113.5 (smtp.example.net)", "ip4:203.0.113.5");
    private static readonly DmarcPolicy Reject = DmarcLookup.Parse("acme.test", "v=DMARC1; p=reject", forParent: false);

    private static SpfCheck Spf(SpfResult result, string? record = "v=spf1 ip4:192.0.2.1 -all", string reason = "-all",
        int lookups = 1) =>
        new(result, "acme.test", record, reason, lookups);

    [Fact]
    public void Forecast_SpfFailsUnderDmarcReject_SaysItWillBeRejected_AndTheRecordToPublish()
    {
        var forecast = LandingRules.Forecast(From, Source, Spf(SpfResult.Fail), Reject);

        Assert.Equal(LandingVerdict.Rejected, forecast.Verdict);
        Assert.Equal("DMARC p=reject: mail from support@acme.test through this server will be rejected.",
            forecast.Summary);
        Assert.Equal(["SPF of acme.test does not allow 203.0.113.5 (smtp.example.net) (-all: fail).",
            "DMARC of acme.test: p=reject."],
            forecast.Findings);
        Assert.Equal(new DnsTxtRecord("acme.test", "v=spf1 ip4:203.0.113.5 ip4:192.0.2.1 -all"), forecast.Publish);
        Assert.StartsWith("Add ip4:203.0.113.5 to the SPF record of acme.test.", forecast.Fix);
    }

    [Fact]
    public void Forecast_SpfPasses_IsAccepted_AndWithoutDmarcSuggestsAPolicy()
    {
        var withDmarc = LandingRules.Forecast(From, Source, Spf(SpfResult.Pass, reason: "ip4:203.0.113.5"), Reject);
        var withoutDmarc = LandingRules.Forecast(From, Source, Spf(SpfResult.Pass),
            DmarcPolicy.NotPublished("acme.test"));

        Assert.Equal((LandingVerdict.Accepted, null, null), (withDmarc.Verdict, withDmarc.Fix, withDmarc.Publish));
        Assert.Equal(LandingVerdict.Accepted, withoutDmarc.Verdict);
        Assert.Equal(new DnsTxtRecord("_dmarc.acme.test", "v=DMARC1; p=none"), withoutDmarc.Publish);
    }

    [Theory]
    [InlineData(SpfResult.SoftFail, "none", LandingVerdict.Spam)]
    [InlineData(SpfResult.Fail, "none", LandingVerdict.Rejected)]
    [InlineData(SpfResult.Neutral, "quarantine", LandingVerdict.Spam)]
    [InlineData(SpfResult.None, "reject", LandingVerdict.Rejected)]
    [InlineData(SpfResult.PermError, "none", LandingVerdict.Spam)]
    [InlineData(SpfResult.TempError, "reject", LandingVerdict.Unknown)]
    public void Forecast_SpfNotPassing_TheDmarcPolicyDecides(SpfResult spf, string policy, LandingVerdict verdict)
    {
        var dmarc = DmarcLookup.Parse("acme.test", $"v=DMARC1; p={policy}", forParent: false);

        Assert.Equal(verdict, LandingRules.Forecast(From, Source, Spf(spf), dmarc).Verdict);
    }

    [Fact]
    public void Forecast_NoSpfRecord_OffersOneThatAllowsTheServer()
    {
        var forecast = LandingRules.Forecast(From, Source, Spf(SpfResult.None, record: null, reason: "no SPF record"),
            DmarcPolicy.NotPublished("acme.test"));

        Assert.Equal(["acme.test publishes no SPF record.", "acme.test publishes no DMARC policy."], forecast.Findings);
        Assert.Equal(new DnsTxtRecord("acme.test", "v=spf1 ip4:203.0.113.5 ~all"), forecast.Publish);
    }

    [Fact]
    public void Forecast_TooManyLookups_AsksToFlattenTheRecord_WithNothingToPublish()
    {
        var spf = Spf(SpfResult.PermError, reason: "more than 10 DNS lookups", lookups: 11);
        var forecast = LandingRules.Forecast(From, Source, spf, Reject);

        Assert.Equal(
            "The SPF record of acme.test is broken: more than 10 DNS lookups; receivers treat it as a permanent error.",
            forecast.Findings[0]);
        Assert.StartsWith("Bring the SPF record of acme.test down to 10 DNS lookups", forecast.Fix);
        Assert.Null(forecast.Publish);
    }

    [Fact]
    public void Forecast_SpfFailsButAPublishedDkimKeySigns_DmarcPassesThroughDkim()
    {
        var key = new DkimKeySummary(1, "acme.test", "s1", DkimAlgorithm.Rsa2048, true, default,
            "s1._domainkey.acme.test", "v=DKIM1; k=rsa; p=K");

        var published = LandingRules.Forecast(From, Source, Spf(SpfResult.Fail), Reject, new DkimFinding(key,
            DkimRecordState.Published));
        var missing = LandingRules.Forecast(From, Source, Spf(SpfResult.Fail), Reject, new DkimFinding(key,
            DkimRecordState.Missing));

        Assert.Equal((LandingVerdict.Accepted,
            "DMARC passes through DKIM: receivers will accept mail from support@acme.test through this server."),
            (published.Verdict, published.Summary));
        Assert.Equal("It is signed with the DKIM key s1 of acme.test, published in DNS.", published.Findings[1]);
        Assert.Equal(LandingVerdict.Rejected, missing.Verdict);
        Assert.Equal(new DnsTxtRecord("s1._domainkey.acme.test", "v=DKIM1; k=rsa; p=K"), missing.Publish);
        Assert.StartsWith("Publish the record of the DKIM key s1 (see DKIM keys), or add ip4:203.0.113.5", missing.Fix);
    }
}
