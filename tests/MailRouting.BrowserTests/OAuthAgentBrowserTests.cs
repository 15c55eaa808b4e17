using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.IntegrationTests.Mta;
using MailRouting.TestAuthServer;
using Microsoft.Playwright;

namespace MailRouting.BrowserTests;

[Collection(BrowserGroup.Name)]
public sealed class OAuthAgentBrowserTests(BrowserFixture browser, BrowserMta mta)
{
    private static readonly PageGetByLabelOptions Exact = new() { Exact = true };

    /// <summary>
    /// An agent whose own login is on an OAuth2 server: told on the page, connects from Profile through the provider's
    /// sign-in and consent page (never typing a password here), tests, and sends from Compose through Postfix as themselves.
    /// </summary>
    [Fact]
    public async Task Agent_ConnectsTheirMailboxFromProfile_TestsIt_AndSends()
    {
        await mta.Authorization.AllowRedirectUriAsync(new Uri(new Uri(browser.BaseUrl), "/oauth/callback"));
        var admin = await browser.App.ApiClientAsync();
        var created = await admin.PostAsJsonAsync("/api/v1/oauth-apps", new
        {
            name = "Acme sign-in", provider = "Other", issuer = mta.Authorization.Issuer.ToString(), clientId = TestAuthorizationServer.ClientId,
            clientSecret = TestAuthorizationServer.ClientSecret, scopes = $"openid email offline_access {TestAuthorizationServer.MailScope}",
        });
        var appId = (int)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var server = await admin.PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name = "Acme OAuth2", host = MtaFixture.Host, port = mta.SubmissionPort, security = "StartTls", authMethod = "OAuth2", oauthAppId = appId,
            username = MtaFixture.Relay.Login, pinnedCertificateSha256 = mta.CertificateSha256, timeoutSeconds = 5,
        });
        var serverId = (int)(await server.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var user = await admin.PostAsJsonAsync("/api/v1/users", new { email = MtaFixture.Support.Login, displayName = "Sam Support", role = "Agent", password = "Sam-Pa55word!" });
        var userId = (string)(await user.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        await admin.PutAsJsonAsync($"/api/v1/users/{userId}", new { serverId, overrideCredentials = true });

        await using var agent = await browser.NewSessionAsync();
        var page = agent.Page;
        await agent.SignInAsync(MtaFixture.Support.Login, "Sam-Pa55word!");
        var banner = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Your mailbox is not connected" });
        await Assertions.Expect(banner).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Connect it on your profile" }).ClickAsync();
        await agent.CheckPageAsync("oauth-10-profile-not-connected");
        await page.GetByRole(AriaRole.Link, new() { Name = "Connect mailbox" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(mta.Authorization.Issuer.ToString())));
        await page.GetByLabel("Email").FillAsync(MtaFixture.Support.Login);
        await page.GetByLabel("Password").FillAsync(MtaFixture.Support.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Allow" }).ClickAsync();

        await Assertions.Expect(page.Locator("#oauth-outcome")).ToHaveTextAsync("Connected support@acme.test: your profile now signs in with OAuth2.");
        await agent.CheckPageAsync("oauth-11-connected");
        await page.GetByRole(AriaRole.Link, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(page.Locator("#mailbox-connection")).ToContainTextAsync("Connected as support@acme.test");
        await Assertions.Expect(banner).ToHaveCountAsync(0);

        var tested = MtaFixture.UniqueRecipient();
        await page.GetByLabel("Send a test message to (optional)").FillAsync(tested);
        await page.GetByRole(AriaRole.Button, new() { Name = "Test", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Test result: Success" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "token", Exact = true }) }))
            .ToContainTextAsync("OK");
        await agent.CheckPageAsync("oauth-12-profile-tested");
        Assert.Equal(MtaFixture.Support.Login, (await mta.DeliveredToAsync(tested)).Message.From.Mailboxes.Single().Address);

        var customer = MtaFixture.UniqueRecipient();
        await page.GotoAsync("/Compose");
        await page.GetByLabel("From", Exact).SelectOptionAsync(new SelectOptionValue { Label = "Sam Support <support@acme.test> (you)" });
        await page.GetByLabel("To", Exact).FillAsync(customer);
        await page.GetByLabel("Subject", Exact).FillAsync("Connected with OAuth2");
        await page.GetByLabel("Message", Exact).FillAsync("Sent with a token.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Assertions.Expect(page.Locator("#message-status")).ToHaveTextAsync("Sent", new() { Timeout = 15_000 });

        var (message, returnPath) = await mta.DeliveredToAsync(customer);
        Assert.Equal(MtaFixture.Support.Login, message.From.Mailboxes.Single().Address);
        Assert.Equal(MtaFixture.Support.Login, returnPath);
        Assert.Contains(File.ReadLines(mta.MailLog), line => line.Contains("sasl_method=XOAUTH2", StringComparison.Ordinal) && line.Contains("sasl_username=support@acme.test", StringComparison.Ordinal));
        Assert.True(agent.ConsoleErrors.Count == 0, string.Join("\n", agent.ConsoleErrors));
    }
}
