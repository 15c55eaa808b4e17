using MailRouting.Deliverability;

namespace MailRouting.Tests.Deliverability;

public sealed class DmarcLookupTests
{
    private readonly ZoneRecords zone = new();

    private Task<DmarcPolicy> FindAsync(string domain) => new DmarcLookup(zone).FindAsync(domain,
        CancellationToken.None);

    [Fact]
    public async Task Find_TheDomainsOwnRecord_UsesItsPolicy()
    {
        zone.Add("TXT", "_dmarc.acme.test", "v=DMARC1; p=reject; sp=none; pct=50; rua=mailto:d@acme.test");

        var policy = await FindAsync("acme.test");

        Assert.Equal(("acme.test", DmarcDisposition.Reject, 50), (policy.Domain, policy.Disposition, policy.Percent));
    }

    [Fact]
    public async Task Find_ASubdomain_WalksUpToTheParent_AndUsesItsSubdomainPolicy()
    {
        zone.Add("TXT", "_dmarc.acme.test", "v=DMARC1; p=reject; sp=quarantine");

        var policy = await FindAsync("mail.eu.acme.test");

        Assert.Equal(("acme.test", DmarcDisposition.Quarantine), (policy.Domain, policy.Disposition));
        Assert.DoesNotContain("TXT _dmarc.test", zone.Asked);
    }

    [Fact]
    public async Task Find_NoRecordOrOnlyOtherText_IsNotPublished_AndDnsTrouble_IsUnknown()
    {
        zone.Add("TXT", "_dmarc.acme.test", "v=spf1 -all");
        zone.Failing.Add("_dmarc.down.test");

        Assert.False((await FindAsync("acme.test")).Published);
        Assert.True((await FindAsync("down.test")).DnsFailed);
    }
}
