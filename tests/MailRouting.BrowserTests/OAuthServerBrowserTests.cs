using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.IntegrationTests;
using Microsoft.Playwright;

namespace MailRouting.BrowserTests;

[Collection(BrowserGroup.Name)]
public sealed class OAuthServerBrowserTests(BrowserFixture browser)
{
    /// <summary>The OAuth2 parts of the server pages, the OAuth apps pages and the callback page, on a 390 px phone: labelled, and nothing scrolls sideways.</summary>
    [Fact]
    public async Task OAuthServerPages_AndTheCallback_FitAPhone()
    {
        var admin = await browser.App.ApiClientAsync();
        var created = await admin.PostAsJsonAsync("/api/v1/oauth-apps", new
        {
            name = $"Microsoft 365 {Guid.NewGuid():N}", provider = "Microsoft365", tenant = "organizations", clientId = "00000000-0000-0000-0000-000000000001", clientSecret = "s",
        });
        var appId = (int)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var server = await admin.PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name = "Office 365", host = "smtp.office365.com", security = "StartTls", authMethod = "OAuth2", oauthAppId = appId,
            username = "a-rather-long-shared-mailbox-name@contoso.onmicrosoft.com",
        });
        var id = (int)(await server.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        await using var session = await browser.NewSessionAsync();
        var page = session.Page;
        await page.SetViewportSizeAsync(390, 844);
        await session.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);

        foreach (var (path, name) in new[]
        {
            ($"/SmtpServers/Details/{id}", "oauth-01-server"), ($"/SmtpServers/Edit/{id}", "oauth-02-edit"), ("/oauth/callback?state=x", "oauth-03-callback"),
            ("/OAuthApps", "oauth-04-apps"), ($"/OAuthApps/Edit/{appId}", "oauth-05-app-edit"),
        })
        {
            await page.GotoAsync(path);
            await session.CheckPageAsync(name);
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(width <= 390, $"{path} is {width} px wide on a 390 px screen");
        }

        await page.GotoAsync($"/SmtpServers/Details/{id}");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Connect mailbox" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#mailbox-connection")).ToContainTextAsync("Not connected");
    }
}
