using System.Net;

namespace MailRouting.IntegrationTests.Pages;

public sealed class SecurityHeadersTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("/Account/Login", false)]
    [InlineData("/", true)]
    [InlineData("/SmtpServers/Edit", true)]
    [InlineData("/api/v1/me", false)]
    [InlineData("/no-such-page", true)]
    public async Task EveryAnswer_CarriesTheSecurityHeaders(string path, bool signedIn)
    {
        var client = signedIn ? await app.BrowserAsync() : app.CreateClient();

        var response = await client.GetAsync(path);

        var csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Pages_HaveNoInlineScriptOrStyle_SoThePolicyCanForbidIt()
    {
        var browser = await app.BrowserAsync();

        foreach (var path in new[] { "/", "/SmtpServers", "/SmtpServers/Edit", "/Channels", "/Channels/Edit", "/Users", "/Profile", "/Compose", "/Messages" })
        {
            var html = await browser.GetStringAsync(path);
            Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)", html);
            Assert.DoesNotMatch("\\son[a-z]+=\"", html);
            Assert.DoesNotMatch("<style|\\sstyle=\"", html);
        }

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/js/server-form.js")).StatusCode);
    }
}
