using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using MailRouting.Data;
using MailRouting.IntegrationTests.Mta;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MailRouting.IntegrationTests.Api;

/// <summary>A user's own "copy to Sent": set on /api/v1/me/sent-copy, used by the delivery worker against the harness Dovecot.</summary>
[Collection(MtaGroup.Name)]
public sealed class UserSentCopyTests : IAsyncLifetime
{
    private const string ImapPassword = "agent-secret-1";
    private readonly MtaFixture mta;
    private readonly AppFactory app;

    /// <summary>Accepts connections and never says a word, like a firewall that swallows the greeting.</summary>
    private readonly TcpListener silent = new(IPAddress.Loopback, 0);

    public UserSentCopyTests(MtaFixture mta)
    {
        this.mta = mta;
        silent.Start();
        // The admin allows the harness Dovecot, the silent port and (a mistake, for the banner test) Postfix's submission port.
        app = AppFactory.With(new Dictionary<string, string>
        {
            ["Mail:UserMailboxes:AllowedHosts:0"] = $"{MtaFixture.Host}:{mta.ImapPort}",
            ["Mail:UserMailboxes:AllowedHosts:1"] = $"{MtaFixture.Host}:{SilentPort}",
            ["Mail:UserMailboxes:AllowedHosts:2"] = $"{MtaFixture.Host}:{mta.SubmissionPort}",
            ["Delivery:LeaseSeconds"] = "2",
        });
    }

    private int SilentPort => ((IPEndPoint)silent.LocalEndpoint).Port;

    public Task InitializeAsync() => app.InitializeAsync();

    public async Task DisposeAsync()
    {
        silent.Stop();
        await app.DisposeAsync();
    }

    private async Task<(HttpClient User, string Id)> AgentOnRelayAsync()
    {
        var admin = await app.ApiClientAsync();
        var server = await admin.PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name = "Relay", host = MtaFixture.Host, port = mta.SubmissionPort, security = "StartTls", authMethod = "Plain",
            username = "relay@acme.test", password = "relay-secret-4", pinnedCertificateSha256 = mta.CertificateSha256,
        });
        var serverId = (int)(await server.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var created = await admin.PostAsJsonAsync("/api/v1/users", new { email = "agent@acme.test", displayName = "Jane Agent", role = "Agent", password = "Agent-Pa55word!" });
        var id = (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/users/{id}", new { serverId })).StatusCode);
        return (await app.ApiClientAsync("agent@acme.test", "Agent-Pa55word!"), id);
    }

    private object SentCopy(string host = MtaFixture.Host, string folder = "Sent Items", int? port = null) =>
        new { host, port = port ?? mta.ImapPort, security = "None", username = "agent@acme.test", password = ImapPassword, folder };

    private static async Task<string> SendAsync(HttpClient user, string id, string recipient) =>
        (string)(await (await user.PostAsJsonAsync("/api/v1/messages",
            new { from = new { userId = id }, to = new[] { recipient }, subject = "Your order", text = "It ships today." })).Content.ReadFromJsonAsync<JsonObject>())!["id"]!;

    [Fact]
    public async Task CopyToANestedFolder_CreatesItLevelByLevel()
    {
        var (user, id) = await AgentOnRelayAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await user.PutAsJsonAsync("/api/v1/me/sent-copy", SentCopy(folder: "Sent.Archive"))).StatusCode);

        var message = await Eventually.SentCopyDoneAsync(user, await SendAsync(user, id, MtaFixture.UniqueRecipient()));

        Assert.Equal("Copied", (string?)message["sentCopy"]!["status"]);
        Assert.Equal("Sent.Archive", (string?)message["sentCopy"]!["copiedTo"]);
    }

    [Fact]
    public async Task CopyToAFolderTheServerRefuses_IsRecorded_AndTheMessageIsNeverSentAgain()
    {
        var (user, id) = await AgentOnRelayAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await user.PutAsJsonAsync("/api/v1/me/sent-copy", SentCopy())).StatusCode);
        // A name saved before folder names were checked, which Dovecot refuses.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MailRoutingDbContext>();
            await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(u => u.SetProperty(x => x.CopyToSentFolder, "../../../etc"));
        }

        var recipient = MtaFixture.UniqueRecipient();
        var message = await Eventually.SentCopyDoneAsync(user, await SendAsync(user, id, recipient));
        await mta.DeliveredToAsync(recipient);
        // Several leases (2 s each) pass on the app's clock; a message left Sending would then be claimed and sent again by
        // the pass that sends the next message.
        app.Clock.Jump(TimeSpan.FromSeconds(7));
        await Eventually.MessageAsync(user, await SendAsync(user, id, MtaFixture.UniqueRecipient()), m => (string?)m["status"] == "Sent");

        Assert.Equal("Sent", (string?)message["status"]);
        Assert.Equal("Failed", (string?)message["sentCopy"]!["status"]);
        Assert.Equal("FolderRefused", (string?)message["sentCopy"]!["diagnosticCode"]);
        Assert.Equal(1, mta.DeliveredCount(recipient));
        var final = (await user.GetFromJsonAsync<JsonObject>($"/api/v1/messages/{message["id"]}"))!;
        Assert.Equal(1, final["attempts"]!.AsArray().Count(a => (string?)a!["outcome"] == "Sent"));
    }

    [Theory]
    [InlineData("../../../etc")]
    [InlineData("Sent..Old")]
    [InlineData("Sent/*")]
    [InlineData("Sent\u0000")]
    public async Task SentCopy_AFolderNameThatCouldLeaveTheMailbox_Is400(string folder)
    {
        var (user, _) = await AgentOnRelayAsync();

        var response = await user.PutAsJsonAsync("/api/v1/me/sent-copy", SentCopy(folder: folder));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("folder", (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key));
        Assert.Null((await user.GetFromJsonAsync<JsonObject>("/api/v1/me"))!["user"]!["sentCopy"]);
    }

    [Theory]
    [InlineData("127.0.0.1", 5432)]
    [InlineData("localhost", 25)]
    [InlineData("169.254.169.254", 143)]
    public async Task SentCopy_AMailboxWhereTheAdminAllowedNone_Is400(string host, int port)
    {
        var (user, _) = await AgentOnRelayAsync();

        var response = await user.PutAsJsonAsync("/api/v1/me/sent-copy", SentCopy(host, port: port));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("host", (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task SentCopyTest_AgainstAnotherService_NeverShowsItsBanner()
    {
        var (user, _) = await AgentOnRelayAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await user.PutAsJsonAsync("/api/v1/me/sent-copy", SentCopy(port: mta.SubmissionPort))).StatusCode);

        var response = await user.PostAsync("/api/v1/me/sent-copy/test", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var report = JsonNode.Parse(text)!.AsObject();
        Assert.False((bool)report["success"]!);
        Assert.Equal("", (string?)report["transcript"]);
        Assert.DoesNotContain("ESMTP", text, StringComparison.Ordinal);
        Assert.DoesNotContain("220", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SentCopyTest_AgainstAServerThatNeverGreets_EndsInADiagnostic()
    {
        var (user, _) = await AgentOnRelayAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await user.PutAsJsonAsync("/api/v1/me/sent-copy", SentCopy(port: SilentPort))).StatusCode);

        var response = await user.PostAsync("/api/v1/me/sent-copy/test", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.False((bool)report["success"]!);
        Assert.Equal("ConnectionTimedOut", (string?)report["diagnostic"]!["code"]);
    }

    [Fact]
    public async Task SendAsAUserWithCopyToSent_AppendsTheSentMessageToTheirFolder()
    {
        var (user, id) = await AgentOnRelayAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await user.PutAsJsonAsync("/api/v1/me/sent-copy", SentCopy())).StatusCode);
        var recipient = MtaFixture.UniqueRecipient();

        var accepted = (await (await user.PostAsJsonAsync("/api/v1/messages",
            new { from = new { userId = id }, to = new[] { recipient }, subject = "Your order", text = "It ships today." })).Content.ReadFromJsonAsync<JsonObject>())!;
        var message = await Eventually.SentCopyDoneAsync(user, (string)accepted["id"]!);

        Assert.Equal("Sent", (string?)message["status"]);
        Assert.Equal("Copied", (string?)message["sentCopy"]!["status"]);
        Assert.Equal("Sent Items", (string?)message["sentCopy"]!["copiedTo"]);
        await mta.DeliveredToAsync(recipient);
        using var imap = new ImapClient();
        await imap.ConnectAsync(MtaFixture.Host, mta.ImapPort, SecureSocketOptions.None);
        await imap.AuthenticateAsync("agent@acme.test", ImapPassword);
        var folder = await imap.GetFolderAsync("Sent Items");
        await folder.OpenAsync(FolderAccess.ReadOnly);
        Assert.Single(await folder.SearchAsync(SearchQuery.HeaderContains("Message-ID", (string)accepted["messageId"]!)));
    }

    [Fact]
    public async Task SentCopySettings_AreValidated_NeverShowThePassword_TestAndStop()
    {
        var (user, _) = await AgentOnRelayAsync();

        var invalid = await user.PutAsJsonAsync("/api/v1/me/sent-copy", new { host = "not a host", security = "None", username = "", folder = "" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("host") && errors.ContainsKey("username") && errors.ContainsKey("password") && errors.ContainsKey("folder"), errors.ToJsonString());
        Assert.Null((await user.GetFromJsonAsync<JsonObject>("/api/v1/me"))!["user"]!["sentCopy"]);

        Assert.Equal(HttpStatusCode.NoContent, (await user.PutAsJsonAsync("/api/v1/me/sent-copy", SentCopy())).StatusCode);
        var me = await user.GetStringAsync("/api/v1/me");
        Assert.Contains("\"folder\":\"Sent Items\"", me, StringComparison.Ordinal);
        Assert.Contains("\"hasPassword\":true", me, StringComparison.Ordinal);
        Assert.DoesNotContain(ImapPassword, me, StringComparison.Ordinal);

        var test = (await (await user.PostAsync("/api/v1/me/sent-copy/test", null)).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True((bool?)test["success"], test.ToJsonString());

        Assert.Equal(HttpStatusCode.NoContent, (await user.DeleteAsync("/api/v1/me/sent-copy")).StatusCode);
        Assert.Null((await user.GetFromJsonAsync<JsonObject>("/api/v1/me"))!["user"]!["sentCopy"]);
        Assert.Equal(HttpStatusCode.Conflict, (await user.PostAsync("/api/v1/me/sent-copy/test", null)).StatusCode);
    }
}
