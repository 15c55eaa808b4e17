using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.IntegrationTests.Mta;
using MailRouting.IntegrationTests.OAuth;
using MimeKit;

namespace MailRouting.IntegrationTests.Api;

/// <summary>
/// Sending through Microsoft Graph: the tests' Graph stand-in (sendMail with base64 MIME, tokens checked at the test
/// OpenIddict server, Send As, 429 with Retry-After, 4 requests per mailbox) hands what it accepts to the test Postfix,
/// where the delivered copy is read back.
/// </summary>
[Collection(MtaGroup.Name)]
public sealed class GraphSendTests(MtaFixture mta) : OAuthAppTests(mta)
{

    [Fact]
    public async Task ChannelOnGraph_WithTheAppsOwnPermission_DeliversAsTheChannel_WithTheSameMessageIdAndItsBcc()
    {
        var server = await OAuth.GraphServerAsync(null, "support@acme.test", []);
        var channel = await OAuth.ChannelAsync("support@acme.test", server);
        var (to, hidden) = (MtaFixture.UniqueRecipient(), MtaFixture.UniqueRecipient());

        var accepted = await AcceptedAsync(Api, new { from = new { channelId = channel }, to = new[] { to },
            bcc = new[] { hidden },
            subject = "Over Graph", text = "Sent with the app's permission." });
        var sent = await DoneAsync(Api, accepted);

        Assert.Equal("Sent", (string?)sent["status"]);
        Assert.Contains("202 Accepted by Microsoft Graph", (string?)sent["attempts"]![0]!["serverReply"]);
        var (delivered, returnPath) = await Mta.DeliveredToAsync(to);
        Assert.Equal("support@acme.test", delivered.From.Mailboxes.Single().Address);
        Assert.Equal("support@acme.test", returnPath);
        Assert.Equal((string?)accepted["messageId"], delivered.MessageId);
        Assert.Null(delivered.Headers[HeaderId.Bcc]);
        Assert.Equal(delivered.MessageId, (await Mta.DeliveredToAsync(hidden)).Message.MessageId);
        Assert.Contains(Mta.Graph.Calls, c =>
                c is { Mailbox: "support@acme.test", AsApp: true, Status: 202 } && c.MessageId == delivered.MessageId);
    }

    [Fact]
    public async Task UserOnGraph_WithTheirConnectedMailbox_DeliversAsThemselves()
    {
        var server = await OAuth.GraphServerAsync("support@acme.test", "support@acme.test", []);
        var userId = await OAuth.AgentWithOwnLoginAsync("agent@acme.test", "Agent-Pa55word!", server);
        var agent = await App.ApiClientAsync("agent@acme.test", "Agent-Pa55word!");
        Assert.Contains("Connected agent@acme.test",
            await OAuth.ConnectAsync("/api/v1/me/oauth/connect", MtaFixture.Agent, agent, ("agent@acme.test",
                "Agent-Pa55word!")));
        var to = MtaFixture.UniqueRecipient();

        var accepted = await AcceptedAsync(agent, new { from = new { userId }, to = new[] { to }, subject = "Mine",
            text = "From me." });
        var sent = await DoneAsync(agent, accepted);

        Assert.Equal("Sent", (string?)sent["status"]);
        var (delivered, _) = await Mta.DeliveredToAsync(to);
        Assert.Equal("agent@acme.test", delivered.From.Mailboxes.Single().Address);
        Assert.Equal((string?)accepted["messageId"], delivered.MessageId);
        Assert.Contains(Mta.Graph.Calls, c =>
                c is { Mailbox: "agent@acme.test", AsApp: false, Status: 202 } && c.MessageId == delivered.MessageId);
    }

    [Fact]
    public async Task SharedMailbox_WithSendAs_Delivers_AndWithoutIt_SendAsDeniedIsExplained()
    {
        var server = await OAuth.GraphServerAsync("agent@acme.test", "agent@acme.test", ["support@acme.test",
            "sales@acme.test"]);
        await OAuth.ConnectAsync($"/api/v1/smtp-servers/{server}/oauth/connect", MtaFixture.Agent);
        var shared = await OAuth.ChannelAsync("support@acme.test", server);
        var notGranted = await OAuth.ChannelAsync("sales@acme.test", server);
        var to = MtaFixture.UniqueRecipient();

        var delivered = await DoneAsync(Api, await AcceptedAsync(Api, Message(shared, to)));
        var refused = await DoneAsync(Api, await AcceptedAsync(Api, Message(notGranted, MtaFixture.UniqueRecipient())));

        Assert.Equal("Sent", (string?)delivered["status"]);
        Assert.Equal("support@acme.test", (await Mta.DeliveredToAsync(to)).Message.From.Mailboxes.Single().Address);
        Assert.Equal("Failed", (string?)refused["status"]);
        var attempt = refused["attempts"]![0]!;
        Assert.Equal("SenderNotOwned", (string?)attempt["diagnosticCode"]);
        Assert.Contains("no Send As right", (string?)attempt["diagnostic"]);
        Assert.StartsWith("403 ErrorSendAsDenied", (string?)attempt["serverReply"]);
    }

    /// <summary>
    /// A first message is held at the stand-in while twelve more queue, so one pass sends them over four lanes at once;
    /// the first two requests are told to wait 2 s. No lane may ask again for that mailbox before the time is up (the
    /// two answered at once were already on their way).
    /// </summary>
    [Fact]
    public async Task Throttled_WithRetryAfter_EveryLaneOfTheMailboxWaits_AndEachMessageGoesOutOnce()
    {
        var server = await OAuth.GraphServerAsync(null, "support@acme.test", []);
        var channel = await OAuth.ChannelAsync("support@acme.test", server);
        var recipients = Enumerable.Range(0, 12).Select(_ => MtaFixture.UniqueRecipient()).ToList();
        var since = DateTimeOffset.UtcNow;
        List<JsonObject> accepted;
        Mta.Graph.Latency = TimeSpan.FromSeconds(3);
        try
        {
            accepted = [await AcceptedAsync(Api, Message(channel, MtaFixture.UniqueRecipient()))];
            await Eventually.TrueAsync(() =>
                    Task.FromResult(Mta.Graph.Answering("support@acme.test") == 1), TimeSpan.FromSeconds(10),
                "The first message never reached the Graph stand-in");
            foreach (var recipient in recipients)
            {
                accepted.Add(await AcceptedAsync(Api, Message(channel, recipient)));
            }

            Mta.Graph.ThrottleNext("support@acme.test", 2, TimeSpan.FromSeconds(2));
            // Each of the others takes a quarter second, so unpaced lanes would keep asking while the mailbox must
            // wait.
            Mta.Graph.Latency = TimeSpan.FromMilliseconds(250);
            foreach (var message in accepted)
            {
                Assert.Equal("Sent", (string?)(await DoneAsync(Api, message))["status"]);
            }
        }
        finally
        {
            Mta.Graph.Latency = TimeSpan.Zero;
        }

        foreach (var recipient in recipients)
        {
            await Mta.DeliveredToAsync(recipient);
            Assert.Equal(1, Mta.DeliveredCount(recipient));
        }

        var calls = Mta.Graph.Calls.Where(c => c.Mailbox == "support@acme.test" && c.At >= since).OrderBy(c =>
                c.At).ToList();
        Assert.Equal(2, calls.Count(c => c.Status == 429));
        Assert.Equal(13, calls.Count(c => c.Status == 202));
        var askedToWait = calls.First(c => c.Status == 429).At;
        var tooEarly = calls.Where(c =>
                c.At > askedToWait + TimeSpan.FromSeconds(0.5) && c.At < askedToWait + TimeSpan.FromSeconds(1.8));
        Assert.True(!tooEarly.Any(), $"{tooEarly.Count()} requests came while the mailbox was asked to wait.");
    }

    [Fact]
    public async Task ManyMessagesForOneMailbox_NeverMoreThanFourRequestsAtOnce()
    {
        var server = await OAuth.GraphServerAsync(null, "sales@acme.test", []);
        var channel = await OAuth.ChannelAsync("sales@acme.test", server);
        var since = DateTimeOffset.UtcNow;
        Mta.Graph.Latency = TimeSpan.FromMilliseconds(300);
        try
        {
            var accepted = new List<JsonObject>();
            for (var i = 0; i < 16; i++)
            {
                accepted.Add(await AcceptedAsync(Api, Message(channel, MtaFixture.UniqueRecipient())));
            }

            foreach (var message in accepted)
            {
                Assert.Equal("Sent", (string?)(await DoneAsync(Api, message))["status"]);
            }
        }
        finally
        {
            Mta.Graph.Latency = TimeSpan.Zero;
        }

        Assert.InRange(Mta.Graph.MostAtOnce("sales@acme.test"), 2, 4);
        Assert.DoesNotContain(Mta.Graph.Calls, c => c.Mailbox == "sales@acme.test" && c.At >= since && c.Status == 429);
    }

    [Fact]
    public async Task Test_OfAGraphServer_FetchesTheAppsToken_AndSendsATestMessage()
    {
        var server = await OAuth.GraphServerAsync(null, "support@acme.test", []);
        var recipient = MtaFixture.UniqueRecipient();

        var withoutRecipient = await ReportAsync(server, new { });
        var withRecipient = await ReportAsync(server, new { recipient });

        Assert.True((bool)withoutRecipient["success"]!, withoutRecipient.ToJsonString());
        Assert.Equal(["token", "send"], withoutRecipient["stages"]!.AsArray().Select(s => (string?)s!["name"]));
        Assert.Contains("Give a test recipient", (string?)withoutRecipient["stages"]![1]!["detail"]);
        Assert.True((bool)withRecipient["success"]!, withRecipient.ToJsonString());
        Assert.Equal("support@acme.test",
            (await Mta.DeliveredToAsync(recipient)).Message.From.Mailboxes.Single().Address);
    }

    [Theory]
    [InlineData("Plain", "None", "127.0.0.1", "AuthMethod")]
    [InlineData("OAuth2App", "None", "graph.example.com", "Security")]
    public async Task GraphServer_WithAPasswordOrPlainHttpElsewhere_IsRefused_AndNothingIsSaved(string auth,
        string security, string host,
        string field)
    {
        var response = await Api.PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name = "Graph refused", transport = "MicrosoftGraph", host, port = 443, security, authMethod = auth,
            username = "support@acme.test", password = auth == "Plain" ? "secret" : null,
                oauthAppId = await OAuth.AppAsync(),
            senderAddress = "support@acme.test",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]![field]);
        Assert.DoesNotContain(await Api.GetFromJsonAsync<JsonArray>("/api/v1/smtp-servers") ?? [], s =>
                (string?)s!["name"] == "Graph refused");
    }

    private async Task<JsonObject> ReportAsync(int server, object body) =>
        (await (await Api.PostAsJsonAsync($"/api/v1/smtp-servers/{server}/test",
            body)).Content.ReadFromJsonAsync<JsonObject>())!;

    private static object Message(int channelId, string recipient) => new
    {
        from = new { channelId }, to = new[] { recipient }, subject = "Graph", text = "Sent through Microsoft Graph.",
    };
}
