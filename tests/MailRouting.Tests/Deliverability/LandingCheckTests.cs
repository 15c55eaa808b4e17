using MailRouting.Deliverability;
using MailRouting.Dkim;
using MailRouting.Secrets;
using MailRouting.Servers;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace MailRouting.Tests.Deliverability;

public sealed class LandingCheckTests
{
    private readonly ZoneRecords zone = new();

    /// <summary>Servers that do not sign: no key is ever read.</summary>
    private LandingCheck Check() => new(zone, new DmarcLookup(zone),
        new DkimSigners(new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(),
            new SecretProtector(new EphemeralDataProtectionProvider()), TimeProvider.System),
        new DkimRecordCheck(zone), new DnsSettings([], TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)));

    [Fact]
    public async Task Graph_TheDomainMustNameMicrosoftsSpf_ElseItsAllTermDecides()
    {
        zone.Add("TXT", "graph.test", "v=spf1 include:spf.protection.outlook.com -all")
            .Add("TXT", "other.test", "v=spf1 ip4:192.0.2.1 -all").Add("TXT", "_dmarc.other.test",
                "v=DMARC1; p=reject");

        var allowed = await Check().ForAsync("support@graph.test", "graph.microsoft.com",
            ServerTransport.MicrosoftGraph, signs: false, default);
        var notAllowed = await Check().ForAsync("support@other.test", "graph.microsoft.com",
            ServerTransport.MicrosoftGraph, signs: false, default);

        Assert.Equal("SPF of graph.test allows the servers of Microsoft 365 (include:spf.protection.outlook.com).",
            allowed.Findings[0]);
        Assert.Equal(LandingVerdict.Rejected, notAllowed.Verdict);
        Assert.Equal("v=spf1 include:spf.protection.outlook.com ip4:192.0.2.1 -all", notAllowed.Publish!.Value);
    }

    [Fact]
    public async Task Smtp_AHostWithSeveralAddresses_ReportsTheFirstThatSpfDoesNotAllow()
    {
        zone.Add("A", "smtp.mailer.test", "192.0.2.1", "192.0.2.2").Add("TXT", "acme.test",
            "v=spf1 ip4:192.0.2.1 ~all");

        var forecast = await Check().ForAsync("support@acme.test", "smtp.mailer.test", ServerTransport.Smtp,
            signs: false, default);

        Assert.Equal("SPF of acme.test does not allow 192.0.2.2 (smtp.mailer.test) (~all: softfail).",
            forecast.Findings[0]);
    }

    [Fact]
    public async Task Smtp_AHostWithoutAddress_CannotTell()
    {
        var forecast = await Check().ForAsync("support@acme.test", "gone.mailer.test", ServerTransport.Smtp,
            signs: false, default);

        Assert.Equal((LandingVerdict.Unknown,
            "DNS gives no address for gone.mailer.test (or did not answer), so SPF cannot be checked."),
            (forecast.Verdict, forecast.Summary));
    }
}
