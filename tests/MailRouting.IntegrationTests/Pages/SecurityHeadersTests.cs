using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

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
        var api = await app.ApiClientAsync();
        var server = await api.PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name = "Headers relay", host = "smtp.acme.test", security = "StartTls", authMethod = "Plain", username = "relay@acme.test", password = "relay-pw",
        });
        var channel = await api.PostAsJsonAsync("/api/v1/channels", new { name = "Headers", address = "headers@acme.test" });
        var serverId = (int)(await server.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var channelId = (int)(await channel.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        string[] pages =
        [
            "/", "/SmtpServers", "/SmtpServers/Edit", $"/SmtpServers/Edit/{serverId}", $"/SmtpServers/Details/{serverId}", "/Channels", "/Channels/Edit",
            $"/Channels/Edit/{channelId}", $"/Channels/Details/{channelId}", "/Users", "/Users/Create", "/Profile", "/Compose", "/Messages",
        ];

        foreach (var path in pages)
        {
            var html = await browser.GetStringAsync(path);
            Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)", html);
            Assert.DoesNotMatch("\\son[a-z]+=\"", html);
            Assert.DoesNotMatch("<style|\\sstyle=\"", html);
        }

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/js/confirm.js")).StatusCode);
    }
}
