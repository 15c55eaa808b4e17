using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using MailRouting.IntegrationTests.Mta;

namespace MailRouting.IntegrationTests.Api;

/// <summary>A user's own "copy to Sent": set on /api/v1/me/sent-copy, used by the delivery worker against the harness Dovecot.</summary>
[Collection(MtaGroup.Name)]
public sealed class UserSentCopyTests(MtaFixture mta) : IAsyncLifetime
{
    private const string ImapPassword = "agent-secret-1";
    private readonly AppFactory app = new();

    public Task InitializeAsync() => app.InitializeAsync();

    public Task DisposeAsync() => app.DisposeAsync();

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

    private object SentCopy(string host = MtaFixture.Host, string folder = "Sent Items") =>
        new { host, port = mta.ImapPort, security = "None", username = "agent@acme.test", password = ImapPassword, folder };

    [Fact]
    public async Task SendAsAUserWithCopyToSent_AppendsTheSentMessageToTheirFolder()
    {
        var (user, id) = await AgentOnRelayAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await user.PutAsJsonAsync("/api/v1/me/sent-copy", SentCopy())).StatusCode);
        var recipient = MtaFixture.UniqueRecipient();

        var accepted = (await (await user.PostAsJsonAsync("/api/v1/messages",
            new { from = new { userId = id }, to = new[] { recipient }, subject = "Your order", text = "It ships today." })).Content.ReadFromJsonAsync<JsonObject>())!;
        var message = await AttemptsAsync(user, (string)accepted["id"]!, 2);

        Assert.Equal("Sent", (string?)message["status"]);
        Assert.Equal("Copied to Sent Items", (string?)message["attempts"]![1]!["outcome"]);
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

    private static async Task<JsonObject> AttemptsAsync(HttpClient client, string id, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var message = (await client.GetFromJsonAsync<JsonObject>($"/api/v1/messages/{id}"))!;
            if (message["attempts"]!.AsArray().Count >= count || DateTime.UtcNow > deadline)
            {
                return message;
            }

            await Task.Delay(100);
        }
    }
}
