using System.Net;
using MailRouting.Deliverability;

namespace MailRouting.Tests.Deliverability;

/// <summary>The examples of RFC 7208 §7.4, with sender strong-bad@email.example.com and IP 192.0.2.3.</summary>
public sealed class SpfMacrosTests
{
    [Theory]
    [InlineData("%{s}", "strong-bad@email.example.com")]
    [InlineData("%{o}", "email.example.com")]
    [InlineData("%{d}", "email.example.com")]
    [InlineData("%{d4}", "email.example.com")]
    [InlineData("%{d3}", "email.example.com")]
    [InlineData("%{d2}", "example.com")]
    [InlineData("%{d1}", "com")]
    [InlineData("%{dr}", "com.example.email")]
    [InlineData("%{d2r}", "example.email")]
    [InlineData("%{l}", "strong-bad")]
    [InlineData("%{l-}", "strong.bad")]
    [InlineData("%{lr}", "strong-bad")]
    [InlineData("%{lr-}", "bad.strong")]
    [InlineData("%{l1r-}", "strong")]
    [InlineData("%{ir}.%{v}._spf.%{d2}", "3.2.0.192.in-addr._spf.example.com")]
    [InlineData("%{lr-}.lp._spf.%{d2}", "bad.strong.lp._spf.example.com")]
    [InlineData("%%%_%-", "% %20")]
    public void Expand_TheRfcExamples(string spec, string expanded) =>
        Assert.Equal(expanded, SpfMacros.Expand(spec, IPAddress.Parse("192.0.2.3"), "strong-bad@email.example.com",
            "email.example.com"));

    [Fact]
    public void Expand_IPv6_AsDottedNibbles() =>
        Assert.Equal("1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6",
            SpfMacros.Expand("%{ir}.%{v}", IPAddress.Parse("2001:db8::cb01"), "a@b.test", "b.test"));

    [Theory]
    [InlineData("%{x}")]
    [InlineData("%{d0}")]
    [InlineData("%{d")]
    [InlineData("50%")]
    [InlineData("%{d2*}")]
    public void Expand_Malformed_Throws(string spec) =>
        Assert.Throws<FormatException>(() => SpfMacros.Expand(spec, IPAddress.Loopback, "a@b.test", "b.test"));
}
