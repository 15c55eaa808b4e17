using System.Net;
using MailRouting.Deliverability;

namespace MailRouting.Tests.Deliverability;

public sealed class SpfEvaluationTests
{
    private static readonly IPAddress Sender = IPAddress.Parse("203.0.113.5");
    private readonly ZoneRecords zone = new();

    private Task<SpfCheck> CheckAsync(string domain = "acme.test", IPAddress? ip = null) =>
        new SpfEvaluation(zone, ip ?? Sender, "support@" + domain).CheckAsync(domain, CancellationToken.None);

    [Theory]
    [InlineData("v=spf1 ip4:203.0.113.5 -all", SpfResult.Pass, "ip4:203.0.113.5")]
    [InlineData("v=spf1 ip4:203.0.113.0/24 -all", SpfResult.Pass, "ip4:203.0.113.0/24")]
    [InlineData("v=spf1 ip4:203.0.113.77/30 -all", SpfResult.Fail, "-all")]
    [InlineData("v=spf1 ip4:192.0.2.1 ~all", SpfResult.SoftFail, "~all")]
    [InlineData("v=spf1 ip4:192.0.2.1 ?all", SpfResult.Neutral, "?all")]
    [InlineData("v=spf1 ip4:192.0.2.1", SpfResult.Neutral, "no term matched")]
    [InlineData("v=spf1 -ip4:203.0.113.5 +all", SpfResult.Fail, "-ip4:203.0.113.5")]
    [InlineData("v=spf1 ip6:2001:db8::/32 -all", SpfResult.Fail, "-all")]
    [InlineData("v=spf1 foo:bar -all", SpfResult.PermError, "\"foo:bar\" is not an SPF mechanism")]
    [InlineData("v=spf1 ip4:203.0.113.5/33 -all", SpfResult.PermError, "\"203.0.113.5/33\" is malformed")]
    public async Task Check_OneRecord_DecidesByTheFirstMatchingTerm(string record, SpfResult result, string reason)
    {
        zone.Add("TXT", "acme.test", record, "google-site-verification=abc");

        var check = await CheckAsync();

        Assert.Equal((result, reason), (check.Result, check.Reason));
        Assert.Equal(record, check.Record);
    }

    [Fact]
    public async Task Check_NoRecord_IsNone_AndTwoRecords_ArePermError()
    {
        zone.Add("TXT", "acme.test", "some other text").Add("TXT", "two.test", "v=spf1 -all", "v=spf1 +all");

        Assert.Equal(SpfResult.None, (await CheckAsync()).Result);
        Assert.Equal(SpfResult.PermError, (await CheckAsync("two.test")).Result);
    }

    [Fact]
    public async Task Check_IncludeRedirectAMx_FollowTheirDomains()
    {
        zone.Add("TXT", "acme.test", "v=spf1 include:_spf.mailer.test mx a:relay.acme.test/24 redirect=_spf.acme.test")
            .Add("TXT", "_spf.mailer.test", "v=spf1 ip4:198.51.100.0/24 -all")
            .Add("MX", "acme.test", "mx1.acme.test").Add("A", "mx1.acme.test", "192.0.2.10")
            .Add("A", "relay.acme.test", "192.0.2.200")
            .Add("TXT", "_spf.acme.test", "v=spf1 ip4:203.0.113.5 -all");

        var viaInclude = await CheckAsync(ip: IPAddress.Parse("198.51.100.9"));
        var viaMx = await CheckAsync(ip: IPAddress.Parse("192.0.2.10"));
        var viaA = await CheckAsync(ip: IPAddress.Parse("192.0.2.7"));
        var viaRedirect = await CheckAsync();
        var nowhere = await CheckAsync(ip: IPAddress.Parse("192.0.3.1"));

        Assert.Equal((SpfResult.Pass, "include:_spf.mailer.test"), (viaInclude.Result, viaInclude.Reason));
        Assert.Equal((SpfResult.Pass, "mx"), (viaMx.Result, viaMx.Reason));
        Assert.Equal((SpfResult.Pass, "a:relay.acme.test/24"), (viaA.Result, viaA.Reason));
        Assert.Equal((SpfResult.Pass, "redirect=_spf.acme.test"), (viaRedirect.Result, viaRedirect.Reason));
        Assert.Equal(4, viaRedirect.Lookups);
        Assert.Equal((SpfResult.Fail, "redirect=_spf.acme.test"), (nowhere.Result, nowhere.Reason));
    }

    [Fact]
    public async Task Check_AnIncludeThatFails_DoesNotMatch_AndTheRecordGoesOn()
    {
        zone.Add("TXT", "acme.test", "v=spf1 include:other.test ~all").Add("TXT", "other.test", "v=spf1 -all");

        var check = await CheckAsync();

        Assert.Equal((SpfResult.SoftFail, "~all"), (check.Result, check.Reason));
    }

    [Fact]
    public async Task Check_ElevenLookups_IsPermError_TenAreNot()
    {
        // A chain of includes: each level costs one lookup.
        for (var level = 0; level < 12; level++)
        {
            zone.Add("TXT", $"l{level}.test",
                level == 11 ? "v=spf1 ip4:203.0.113.5 -all" : $"v=spf1 include:l{level + 1}.test -all");
        }

        var eleven = await CheckAsync("l0.test");
        var ten = await CheckAsync("l1.test");

        Assert.Equal((SpfResult.PermError, "more than 10 DNS lookups", 11), (eleven.Result, eleven.Reason,
            eleven.Lookups));
        Assert.Equal((SpfResult.Pass, 10), (ten.Result, ten.Lookups));
    }

    [Fact]
    public async Task Check_ThreeLookupsThatFindNothing_IsPermError()
    {
        zone.Add("TXT", "acme.test", "v=spf1 a:gone1.test a:gone2.test a:gone3.test -all");

        var check = await CheckAsync();

        Assert.Equal((SpfResult.PermError, "more than 2 lookups that found nothing"), (check.Result, check.Reason));
    }

    [Fact]
    public async Task Check_DnsNotAnswering_IsTempError_NotAFailure()
    {
        zone.Add("TXT", "acme.test", "v=spf1 include:slow.test -all");
        zone.Failing.Add("slow.test");

        var check = await CheckAsync();

        Assert.Equal((SpfResult.TempError, "DNS did not answer for slow.test"), (check.Result, check.Reason));
    }

    [Fact]
    public async Task Check_ExistsWithMacros_AsksForTheExpandedName()
    {
        zone.Add("TXT", "acme.test", "v=spf1 exists:%{ir}.%{l1r-}.allow.%{d} -all")
            .Add("A", "5.113.0.203.support.allow.acme.test", "127.0.0.2");

        var check = await CheckAsync();

        Assert.Equal(SpfResult.Pass, check.Result);
        Assert.Contains("A 5.113.0.203.support.allow.acme.test", zone.Asked);
    }
}
