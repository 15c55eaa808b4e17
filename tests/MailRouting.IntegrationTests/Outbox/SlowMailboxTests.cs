using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.IntegrationTests.Mta;

namespace MailRouting.IntegrationTests.Outbox;

/// <summary>
/// One agent's mailbox answers a byte a second; another agent's mail goes out as usual meanwhile, through the harness
/// Postfix, and the slow conversation is cut off at its time limit.
/// </summary>
[Collection(MtaGroup.Name)]
public sealed class SlowMailboxTests : IAsyncLifetime
{
    private const string Password = "Agent-Pa55word!";
    private const int Others = 50;
    private readonly MtaFixture mta;
    private readonly DrippingServer drip;
    private readonly AppFactory app;

    public SlowMailboxTests(MtaFixture mta)
    {
        this.mta = mta;
        drip = new DrippingServer(greeting: "* OK ");
        app = AppFactory.With(new Dictionary<string, string>
        {
            ["Mail:UserMailboxes:AllowedHosts:0"] = $"{MtaFixture.Host}:{drip.Port}",
            ["Delivery:SentCopyTimeoutSeconds"] = "20",
        });
    }

    public Task InitializeAsync() => app.InitializeAsync();

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await drip.DisposeAsync();
    }

    [Fact]
    public async Task ACopyToSentThatDrips_HoldsBackNoMail_AndIsCutOffAtItsTimeLimit()
    {
        var relay = await ServerAsync(new { name = "Relay", host = MtaFixture.Host, port = mta.SubmissionPort, security = "StartTls", authMethod = "Plain",
            username = MtaFixture.Relay.Login, password = MtaFixture.Relay.Password, pinnedCertificateSha256 = mta.CertificateSha256 });
        var (slow, slowId) = await AgentAsync("slow@acme.test", relay);
        var (quick, quickId) = await AgentAsync("quick@acme.test", relay);
        Assert.Equal(HttpStatusCode.NoContent, (await slow.PutAsJsonAsync("/api/v1/me/sent-copy", new
        {
            host = MtaFixture.Host, port = drip.Port, security = "None", username = "slow@acme.test", password = "imap-secret", folder = "Sent",
        })).StatusCode);
        var slowRecipient = MtaFixture.UniqueRecipient();

        var slowMessage = await SendAsync(slow, slowId, slowRecipient);
        var sent = await Eventually.MessageAsync(slow, slowMessage, m => (string?)m["status"] == "Sent");
        // The copy has started: the mailbox is dripping its greeting to it.
        await Eventually.TrueAsync(() => Task.FromResult(drip.Connections == 1), Eventually.Deadline, "The copy to Sent never connected to the mailbox.");
        var others = await SendOthersAsync(quick, quickId);
        var copy = (await slow.GetFromJsonAsync<JsonObject>($"/api/v1/messages/{slowMessage}"))!["sentCopy"]!;

        // The message is Sent while its copy waits on the dripping mailbox, and the other agent's mail all went out meanwhile.
        Assert.Equal("Pending", (string?)sent["sentCopy"]!["status"]);
        Assert.All(others, m => Assert.Equal("Sent", (string?)m["status"]));
        Assert.Equal((0, 1), ((int)copy["attempts"]!, drip.Connections));
        var cutOff = await Eventually.MessageAsync(slow, slowMessage, m => (int)m["sentCopy"]!["attempts"]! > 0, TimeSpan.FromSeconds(60));
        Assert.Equal("Pending", (string?)cutOff["sentCopy"]!["status"]);
        Assert.Equal("ConnectionTimedOut", (string?)cutOff["sentCopy"]!["diagnosticCode"]);
        Assert.Single(cutOff["attempts"]!.AsArray());
        Assert.Equal(1, mta.DeliveredCount(slowRecipient));
    }

    [Fact]
    public async Task AnSmtpServerThatDrips_HoldsBackNoOtherServersMail_AndIsCutOffAtItsTimeLimit()
    {
        var relay = await ServerAsync(new { name = "Relay", host = MtaFixture.Host, port = mta.SubmissionPort, security = "StartTls", authMethod = "Plain",
            username = MtaFixture.Relay.Login, password = MtaFixture.Relay.Password, pinnedCertificateSha256 = mta.CertificateSha256 });
        await using var smtpDrip = new DrippingServer(greeting: "220 ");
        var dripping = await ServerAsync(new { name = "Dripping", host = MtaFixture.Host, port = smtpDrip.Port, security = "None", authMethod = "None",
            senderAddress = "slow@acme.test", timeoutSeconds = 20 });
        var (slow, slowId) = await AgentAsync("slow@acme.test", dripping);
        var (quick, quickId) = await AgentAsync("quick@acme.test", relay);

        var slowMessage = await SendAsync(slow, slowId, MtaFixture.UniqueRecipient());
        await Eventually.MessageAsync(slow, slowMessage, m => (string?)m["status"] == "Sending");
        var others = await SendOthersAsync(quick, quickId);
        var stillSending = (await slow.GetFromJsonAsync<JsonObject>($"/api/v1/messages/{slowMessage}"))!;

        Assert.All(others, m => Assert.Equal("Sent", (string?)m["status"]));
        Assert.Equal("Sending", (string?)stillSending["status"]);
        Assert.Empty(stillSending["attempts"]!.AsArray());
        var cutOff = await Eventually.MessageAsync(slow, slowMessage, m => m["attempts"]!.AsArray().Count > 0, TimeSpan.FromSeconds(60));
        Assert.Equal("Retrying", (string?)cutOff["attempts"]![0]!["outcome"]);
        Assert.Equal("ConnectionTimedOut", (string?)cutOff["attempts"]![0]!["diagnosticCode"]);
        Assert.Contains("did not finish within 20 seconds", (string?)cutOff["attempts"]![0]!["serverReply"], StringComparison.Ordinal);
    }

    private async Task<int> ServerAsync(object server)
    {
        var admin = await app.ApiClientAsync();
        var created = await admin.PostAsJsonAsync("/api/v1/smtp-servers", server);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (int)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    private async Task<(HttpClient Agent, string Id)> AgentAsync(string email, int serverId)
    {
        var admin = await app.ApiClientAsync();
        var created = await admin.PostAsJsonAsync("/api/v1/users", new { email, displayName = email, role = "Agent", password = Password });
        var id = (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/users/{id}", new { serverId })).StatusCode);
        return (await app.ApiClientAsync(email, Password), id);
    }

    private static async Task<string> SendAsync(HttpClient agent, string id, string recipient)
    {
        var accepted = await agent.PostAsJsonAsync("/api/v1/messages", new { from = new { userId = id }, to = new[] { recipient }, subject = "Your order", text = "It ships today." });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        return (string)(await accepted.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    /// <summary>The other agent's messages, each followed until it is Sent or Failed, within the usual deadline.</summary>
    private static async Task<List<JsonObject>> SendOthersAsync(HttpClient agent, string id)
    {
        var ids = new List<string>();
        for (var i = 0; i < Others; i++)
        {
            ids.Add(await SendAsync(agent, id, MtaFixture.UniqueRecipient()));
        }

        var done = new List<JsonObject>();
        foreach (var message in ids)
        {
            done.Add(await Eventually.MessageAsync(agent, message, m => (string?)m["status"] is "Sent" or "Failed"));
        }

        return done;
    }
}
