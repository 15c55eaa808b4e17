using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.Users;

namespace MailRouting.IntegrationTests.Pages;

/// <summary>A server that signs in with OAuth2, on its pages: shown, kept when edited, connected by admins only.</summary>
public sealed class OAuthServerPagesTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<int> OAuthServerAsync()
    {
        var admin = await app.ApiClientAsync();
        var created = await admin.PostAsJsonAsync("/api/v1/oauth-apps", new
        {
            name = $"Google {Guid.NewGuid():N}", provider = "Google", clientId = "client.apps.googleusercontent.com", clientSecret = "g-secret",
        });
        var appId = (int)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var server = await admin.PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name = $"Gmail {Guid.NewGuid():N}", host = "smtp.gmail.com", security = "StartTls", authMethod = "OAuth2", oauthAppId = appId, username = "team@acme.test",
        });
        return (int)(await server.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    [Fact]
    public async Task Details_ShowsTheMailboxNotConnected_AndConnectGoesToTheProvider()
    {
        var id = await OAuthServerAsync();
        var browser = await app.BrowserAsync();

        var page = WebUtility.HtmlDecode(await browser.GetStringAsync($"/SmtpServers/Details/{id}"));
        var connect = await browser.GetAsync($"/SmtpServers/Details/{id}?handler=Connect");

        Assert.Contains("Not connected: mail from the server cannot go out until an admin connects team@acme.test", page);
        Assert.Contains("Connect mailbox", page);
        Assert.Equal(HttpStatusCode.Redirect, connect.StatusCode);
        var location = connect.Headers.Location!.ToString();
        Assert.StartsWith("https://accounts.google.com/o/oauth2/v2/auth?", location);
        Assert.Contains("access_type=offline", location);
        Assert.Contains("prompt=consent", location);
    }

    [Fact]
    public async Task Edit_KeepsOAuth2AndItsApp()
    {
        var id = await OAuthServerAsync();
        var browser = await app.BrowserAsync();

        var page = await browser.GetStringAsync($"/SmtpServers/Edit/{id}");

        var server = (await (await app.ApiClientAsync()).GetFromJsonAsync<JsonObject>($"/api/v1/smtp-servers/{id}"))!;
        Assert.Matches(Selected("OAuth2"), page);
        Assert.Matches(Selected($"{server["oauthAppId"]}"), page);
    }

    private static string Selected(string value) => $"<option (selected=\"selected\" value=\"{value}\"|value=\"{value}\" selected=\"selected\")>";

    [Fact]
    public async Task Connect_AsSupport_IsDenied_AndShowsNoButton()
    {
        var id = await OAuthServerAsync();
        await app.CreateUserAsync("support-oauth@acme.test", Roles.Support, "Support-Pa55word!");
        var browser = await app.BrowserAsync("support-oauth@acme.test", "Support-Pa55word!");

        var page = await browser.GetStringAsync($"/SmtpServers/Details/{id}");
        var connect = await browser.GetAsync($"/SmtpServers/Details/{id}?handler=Connect");

        Assert.DoesNotContain("Connect mailbox", page);
        Assert.StartsWith("/Account/AccessDenied", connect.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
