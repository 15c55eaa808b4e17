using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.IntegrationTests.Mta;
using MailRouting.IntegrationTests.OAuth;

namespace MailRouting.IntegrationTests.Api;

/// <summary>
/// IMAP with OAuth2: the incoming test and copy to Sent sign in to Dovecot with the token of the mailbox the owner sends
/// with (one consent for SMTP and IMAP), and say plainly when there is no connected mailbox to take one from.
/// </summary>
[Collection(MtaGroup.Name)]
public sealed class OAuthMailboxTests(MtaFixture mta) : IAsyncLifetime
{
    private readonly AppFactory app = AppFactory.With(new Dictionary<string, string>
    {
        ["Mail:UserMailboxes:AllowedHosts:0"] = $"{MtaFixture.Host}:{mta.ImapPort}",
    });

    private OAuthScenario oauth = null!;

    public async Task InitializeAsync()
    {
        await app.InitializeAsync();
        oauth = await OAuthScenario.StartAsync(app, mta);
    }

    public Task DisposeAsync() => app.DisposeAsync();

    private object Incoming(string username, string authMethod = "OAuth2") =>
        new { protocol = "Imap", host = MtaFixture.Host, port = mta.ImapPort, security = "None", username, authMethod };

    [Fact]
    public async Task Channel_TestsIncomingAndCopiesToSent_WithTheTokenItSendsWith()
    {
        var server = await oauth.ServerAsync(MtaFixture.Relay.Login);
        var folder = $"Sent {Guid.NewGuid():N}"[..13];
        var created = await oauth.Admin.PostAsJsonAsync("/api/v1/channels", new
        {
            name = "Support", address = "support@acme.test", serverId = server, overrideCredentials = true,
            incoming = Incoming("support@acme.test"), copyToSentFolder = folder,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var channel = (int)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        await oauth.ConnectAsync($"/api/v1/channels/{channel}/oauth/connect", MtaFixture.Support);
        var signInsBefore = XoauthImapSignIns("support@acme.test");

        var test = (await (await oauth.Admin.PostAsync($"/api/v1/channels/{channel}/test-incoming", null)).Content.ReadFromJsonAsync<JsonObject>())!;
        var accepted = await oauth.Admin.PostAsJsonAsync("/api/v1/messages", new { from = new { channelId = channel }, to = new[] { MtaFixture.UniqueRecipient() }, subject = "Copied", text = "x" });
        var id = (string)(await accepted.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var message = await Eventually.SentCopyDoneAsync(oauth.Admin, id);

        Assert.True((bool)test["success"]!, test.ToJsonString());
        Assert.Equal("token", (string?)test["stages"]![0]!["name"]);
        Assert.Equal("Signed in as support@acme.test with OAuth2.", (string?)test["stages"]!.AsArray().Single(s => (string?)s!["name"] == "auth")!["detail"]);
        var transcript = (string)test["transcript"]!;
        Assert.Contains("AUTHENTICATE XOAUTH2 ********", transcript);
        Assert.DoesNotContain("auth=Bearer", transcript);
        Assert.DoesNotContain(Convert.ToBase64String("user=support@acme.test"u8.ToArray())[..16], transcript);
        Assert.Equal("Sent", (string?)message["status"]);
        Assert.Equal(("Copied", folder), ((string?)message["sentCopy"]!["status"], (string?)message["sentCopy"]!["copiedTo"]));
        Assert.Equal(signInsBefore + 2, XoauthImapSignIns("support@acme.test"));
        var incoming = (await oauth.Admin.GetFromJsonAsync<JsonObject>($"/api/v1/channels/{channel}"))!["incoming"]!;
        Assert.Equal("OAuth2", (string?)incoming["authMethod"]);
        Assert.False((bool)incoming["hasPassword"]!);
    }

    [Fact]
    public async Task Agent_CopiesSentMailWithTheirConnectedMailbox_WithoutAnImapPassword()
    {
        var server = await oauth.ServerAsync(MtaFixture.Relay.Login);
        var userId = await oauth.AgentWithOwnLoginAsync("agent@acme.test", "Agent-Pa55word!", server);
        var agent = await app.ApiClientAsync("agent@acme.test", "Agent-Pa55word!");
        await oauth.ConnectAsync("/api/v1/me/oauth/connect", MtaFixture.Agent, agent, ("agent@acme.test", "Agent-Pa55word!"));

        var saved = await agent.PutAsJsonAsync("/api/v1/me/sent-copy", new
        {
            host = MtaFixture.Host, port = mta.ImapPort, security = "None", username = "agent@acme.test", authMethod = "OAuth2", folder = "Sent",
        });
        var test = (await (await agent.PostAsync("/api/v1/me/sent-copy/test", null)).Content.ReadFromJsonAsync<JsonObject>())!;
        var accepted = await agent.PostAsJsonAsync("/api/v1/messages", new { from = new { userId }, to = new[] { MtaFixture.UniqueRecipient() }, subject = "Mine", text = "x" });
        var id = (string)(await accepted.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var message = await Eventually.SentCopyDoneAsync(agent, id);

        Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);
        Assert.True((bool)test["success"]!, test.ToJsonString());
        Assert.Equal(("Copied", "Sent"), ((string?)message["sentCopy"]!["status"], (string?)message["sentCopy"]!["copiedTo"]));
    }

    [Fact]
    public async Task OAuth2Incoming_OnAChannelThatSendsWithAPassword_IsExplained()
    {
        var server = await oauth.Admin.PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name = $"Password server {Guid.NewGuid():N}", host = MtaFixture.Host, port = mta.SubmissionPort, security = "StartTls", authMethod = "Plain",
            username = MtaFixture.Relay.Login, password = MtaFixture.Relay.Password, pinnedCertificateSha256 = mta.CertificateSha256,
        });
        var serverId = (int)(await server.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var created = await oauth.Admin.PostAsJsonAsync("/api/v1/channels", new { name = "Sales", address = "sales@acme.test", serverId, incoming = Incoming("sales@acme.test") });
        var channel = (int)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;

        var test = (await (await oauth.Admin.PostAsync($"/api/v1/channels/{channel}/test-incoming", null)).Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.False((bool)test["success"]!);
        Assert.Equal("OAuthNotConnected", (string?)test["diagnostic"]!["code"]);
        Assert.Contains("sent with a password", (string?)test["diagnostic"]!["message"]);
    }

    private int XoauthImapSignIns(string account) => File.ReadLines(mta.DovecotLog)
        .Count(line => line.Contains("imap-login:", StringComparison.Ordinal) && line.Contains("Login: user=<" + account + ">", StringComparison.Ordinal) && line.Contains("method=XOAUTH2", StringComparison.Ordinal));
}
