using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.IntegrationTests.Mta;
using MailRouting.IntegrationTests.OAuth;

namespace MailRouting.IntegrationTests.Pages;

/// <summary>
/// Connecting mailboxes from the pages (a channel's, an agent's on Profile) through the test provider's consent page, and
/// who is told when a connection dies: the agent on every page, admins on the home page and the owner's page.
/// </summary>
[Collection(MtaGroup.Name)]
public sealed class OAuthMailboxPagesTests(MtaFixture mta) : IAsyncLifetime
{
    private const string AgentPassword = "Agent-Pa55word!";
    private readonly AppFactory app = new();
    private OAuthScenario oauth = null!;

    public async Task InitializeAsync()
    {
        await app.InitializeAsync();
        oauth = await OAuthScenario.StartAsync(app, mta);
    }

    public Task DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task Channel_IsConnectedFromItsPage_ShowsTheAccount_AndDisconnects()
    {
        var server = await oauth.ServerAsync(MtaFixture.Relay.Login);
        var channel = await oauth.ChannelAsync("support@acme.test", server, ownLogin: true);
        var browser = await app.BrowserAsync();
        var page = $"/Channels/Details/{channel}";

        var before = WebUtility.HtmlDecode(await browser.GetStringAsync(page));
        var outcome = await OAuthScenario.ConnectOnPageAsync(browser, page, MtaFixture.Support);
        var after = WebUtility.HtmlDecode(await browser.GetStringAsync(page));
        var shown = (await oauth.Admin.GetFromJsonAsync<JsonObject>($"/api/v1/channels/{channel}"))!["oauth"]!;
        var disconnected = await browser.PostFormAsync($"{page}?handler=Disconnect", [], formPage: page);

        Assert.Contains("Not connected: mail from the channel cannot go out until an admin connects support@acme.test", before);
        Assert.Contains(">Connect mailbox<", before);
        Assert.Contains("Connected support@acme.test: the channel support@acme.test now signs in with OAuth2.", outcome);
        Assert.Contains("Connected as support@acme.test through", after);
        Assert.Contains(">Reconnect mailbox<", after);
        Assert.Equal("Connected", (string?)shown["status"]);
        Assert.Equal(HttpStatusCode.Redirect, disconnected.StatusCode);
        Assert.Equal("NotConnected", (string?)(await oauth.Admin.GetFromJsonAsync<JsonObject>($"/api/v1/channels/{channel}"))!["oauth"]!["status"]);
    }

    [Fact]
    public async Task Agent_IsToldOnEveryPageUntilConnectedFromProfile_AndAgainWhenTheProviderRevokes()
    {
        var server = await oauth.ServerAsync(MtaFixture.Relay.Login);
        var userId = await oauth.AgentWithOwnLoginAsync("agent@acme.test", AgentPassword, server);
        var agent = await app.BrowserAsync("agent@acme.test", AgentPassword);
        var admin = await app.BrowserAsync();

        var unconnected = await agent.GetStringAsync("/Messages");
        var outcome = await OAuthScenario.ConnectOnPageAsync(agent, "/Profile", MtaFixture.Agent);
        var connected = await agent.GetStringAsync("/Messages");
        await mta.Authorization.RevokeAsync(MtaFixture.Agent.Login);
        await OAuthScenario.HeldForReconnectAsync(await app.ApiClientAsync("agent@acme.test", AgentPassword), new { userId });
        var revoked = WebUtility.HtmlDecode(await agent.GetStringAsync("/Compose"));
        var profile = WebUtility.HtmlDecode(await agent.GetStringAsync("/Profile"));
        var home = WebUtility.HtmlDecode(await admin.GetStringAsync("/"));

        Assert.Contains("Your mailbox is not connected", unconnected);
        Assert.Contains("Connected agent@acme.test: your profile now signs in with OAuth2.", outcome);
        Assert.DoesNotContain("Your mailbox", connected);
        Assert.Contains("Your mailbox must be reconnected", revoked);
        Assert.Contains("Reconnect needed: the provider no longer accepts the connection of agent@acme.test", profile);
        Assert.Contains(">Reconnect mailbox<", profile);
        Assert.Contains("Mailboxes to reconnect", home);
        Assert.Contains($"href=\"/Users/Edit/{userId}\">User Jane Agent</a>: agent@acme.test", home);
    }

    [Fact]
    public async Task ServerReconnect_IsListedForAdminsOnly_AndDisappearsOnceReconnected()
    {
        var server = await oauth.ServerAsync(MtaFixture.Sales.Login);
        var channel = await oauth.ChannelAsync("sales@acme.test", server);
        await oauth.ConnectAsync($"/api/v1/smtp-servers/{server}/oauth/connect", MtaFixture.Sales);
        await mta.Authorization.RevokeAsync(MtaFixture.Sales.Login);
        var id = await OAuthScenario.HeldForReconnectAsync(oauth.Admin, new { channelId = channel });
        await app.CreateUserAsync("support-home@acme.test", Users.Roles.Support, "Support-Pa55word!");
        var admin = await app.BrowserAsync();

        var home = WebUtility.HtmlDecode(await admin.GetStringAsync("/"));
        var details = WebUtility.HtmlDecode(await admin.GetStringAsync($"/SmtpServers/Details/{server}"));
        var supportHome = await (await app.BrowserAsync("support-home@acme.test", "Support-Pa55word!")).GetStringAsync("/");
        var outcome = await OAuthScenario.ConnectOnPageAsync(admin, $"/SmtpServers/Details/{server}", MtaFixture.Sales);
        var homeAfter = await admin.GetStringAsync("/");

        Assert.Contains($"href=\"/SmtpServers/Details/{server}\">Server OAuth server", home);
        Assert.Contains("sales@acme.test (invalid_grant", home);
        Assert.Contains("Reconnect needed: the provider no longer accepts the connection of sales@acme.test", details);
        Assert.Contains("Until an admin connects it again, mail from the server is held.", details);
        Assert.DoesNotContain("Mailboxes to reconnect", supportHome);
        Assert.Contains("Connected sales@acme.test", outcome);
        Assert.DoesNotContain("Mailboxes to reconnect", homeAfter);
        Assert.Equal("Sent", (string?)(await Eventually.MessageAsync(oauth.Admin, id, m => (string?)m["status"] is "Sent" or "Failed"))["status"]);
    }

    [Fact]
    public async Task Support_CanNeitherConnectNorDisconnectAChannel_AndHasNoMailboxToConnect()
    {
        var server = await oauth.ServerAsync(MtaFixture.Relay.Login);
        var channel = await oauth.ChannelAsync("support@acme.test", server, ownLogin: true);
        await app.CreateUserAsync("support-mailbox@acme.test", Users.Roles.Support, "Support-Pa55word!");
        var support = await app.BrowserAsync("support-mailbox@acme.test", "Support-Pa55word!");
        var page = $"/Channels/Details/{channel}";

        var shown = await support.GetStringAsync(page);
        var connect = await support.GetAsync($"{page}?handler=Connect");
        var disconnect = await support.PostFormAsync($"{page}?handler=Disconnect", [], formPage: page);
        var profileConnect = await support.GetAsync("/Profile?handler=Connect");

        Assert.Contains("Not connected", shown);
        Assert.DoesNotContain(">Connect mailbox<", shown);
        Assert.All(new[] { connect, disconnect, profileConnect },
            response => Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal));
    }
}
