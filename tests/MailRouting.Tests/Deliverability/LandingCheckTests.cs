using MailRouting.Deliverability;
using MailRouting.Servers;

namespace MailRouting.Tests.Deliverability;

public sealed class LandingCheckTests
{
    private readonly ZoneRecords zone = new();

    private LandingCheck Check() => new(zone, new DmarcLookup(zone), new DnsSettings([], TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)));

    [Fact]
    public async Task Graph_TheDomainMustNameMicrosoftsSpf_ElseItsAllTermDecides()
    {
        zone.Add("TXT", "graph.test", "v=spf1 include:spf.protection.outlook.com -all")
            .Add("TXT", "other.test", "v=spf1 ip4:192.0.2.1 -all").Add("TXT", "_dmarc.other.test", "v=DMARC1; p=reject");

        var allowed = await Check().ForAsync("support@graph.test", "graph.microsoft.com", ServerTransport.MicrosoftGraph, default);
        var notAllowed = await Check().ForAsync("support@other.test", "graph.microsoft.com", ServerTransport.MicrosoftGraph, default);

        Assert.Equal("SPF of graph.test allows Microsoft 365's servers (include:spf.protection.outlook.com).", allowed.Findings[0]);
        Assert.Equal(LandingVerdict.Rejected, notAllowed.Verdict);
        Assert.Equal("v=spf1 include:spf.protection.outlook.com ip4:192.0.2.1 -all", notAllowed.Publish!.Value);
    }

    [Fact]
    public async Task Smtp_AHostWithSeveralAddresses_ReportsTheFirstThatSpfDoesNotAllow()
    {
        zone.Add("A", "smtp.mailer.test", "192.0.2.1", "192.0.2.2").Add("TXT", "acme.test", "v=spf1 ip4:192.0.2.1 ~all");

        var forecast = await Check().ForAsync("support@acme.test", "smtp.mailer.test", ServerTransport.Smtp, default);

        Assert.Equal("SPF of acme.test does not allow 192.0.2.2 (smtp.mailer.test) (~all: softfail).", forecast.Findings[0]);
    }

    [Fact]
    public async Task Smtp_AHostWithoutAddress_CannotTell()
    {
        var forecast = await Check().ForAsync("support@acme.test", "gone.mailer.test", ServerTransport.Smtp, default);

        Assert.Equal((LandingVerdict.Unknown, "DNS gives no address for gone.mailer.test, so SPF cannot be checked."),
            (forecast.Verdict, forecast.Summary));
    }
}
