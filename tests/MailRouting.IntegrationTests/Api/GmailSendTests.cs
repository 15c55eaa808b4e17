using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using MailRouting.IntegrationTests.Mta;
using MailRouting.IntegrationTests.OAuth;
using MimeKit;

namespace MailRouting.IntegrationTests.Api;

/// <summary>
/// Sending through the Gmail API: the tests' Gmail stand-in (messages.send with base64url MIME or a media upload,
/// tokens checked at the test OpenIddict server, 429 rateLimitExceeded) hands what it accepts to the test Postfix,
/// where the delivered copy is read back.
/// </summary>
[Collection(MtaGroup.Name)]
public sealed class GmailSendTests(MtaFixture mta) : OAuthAppTests(mta)
{
    private const string Password = "Agent-Pa55word!";

    private HttpClient agent = null!;
    private string userId = "";

    /// <summary>
    /// An agent whose own login is on a Gmail API server, connected through the provider's consent page.
    /// </summary>
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var server = await OAuth.GmailServerAsync("support@acme.test");
        userId = await OAuth.AgentWithOwnLoginAsync("agent@acme.test", Password, server);
        agent = await App.ApiClientAsync("agent@acme.test", Password);
        Assert.Contains("Connected agent@acme.test",
            await OAuth.ConnectAsync("/api/v1/me/oauth/connect", MtaFixture.Agent, agent, ("agent@acme.test",
                Password)));
    }

    [Fact]
    public async Task UserOnGmail_DeliversAsThemselves_WithTheSameMessageId()
    {
        var to = MtaFixture.UniqueRecipient();

        var accepted = await AcceptedAsync(new { from = new { userId }, to = new[] { to }, subject = "Via Gmail",
            text = "Hello." });
        var sent = await DoneAsync(accepted);

        Assert.Equal("Sent", (string?)sent["status"]);
        Assert.StartsWith("200 Accepted by the Gmail API (id ", (string?)sent["attempts"]![0]!["serverReply"]);
        var (delivered, _) = await Mta.DeliveredToAsync(to);
        Assert.Equal("agent@acme.test", delivered.From.Mailboxes.Single().Address);
        Assert.Equal((string?)accepted["messageId"], delivered.MessageId);
        Assert.Contains(Mta.Gmail.Calls, c =>
                c is { Mailbox: "agent@acme.test", Status: 200, Upload: false } && c.MessageId == delivered.MessageId);
    }

    [Fact]
    public async Task LargeMessage_GoesAsAMediaUpload_AndArrivesWhole()
    {
        var to = MtaFixture.UniqueRecipient();
        var content = RandomNumberGenerator.GetBytes(5 * 1024 * 1024);

        var accepted = await AcceptedAsync(new
        {
            from = new { userId }, to = new[] { to }, subject = "Large", text = "Attached.",
            attachments = new[] { new { fileName = "scan.bin", contentType = "application/octet-stream",
                contentBase64 = Convert.ToBase64String(content) } },
        });
        var sent = await DoneAsync(accepted);

        Assert.True((string?)sent["status"] == "Sent", sent.ToJsonString());
        var (delivered, _) = await Mta.DeliveredToAsync(to, TimeSpan.FromSeconds(30));
        using var received = new MemoryStream();
        ((MimePart)delivered.Attachments.Single()).Content!.DecodeTo(received);
        Assert.Equal(content, received.ToArray());
        Assert.Contains(Mta.Gmail.Calls, c => c is { Status: 200, Upload: true } && c.MessageId == delivered.MessageId);
    }

    [Fact]
    public async Task RateLimitExceeded_IsAskedAgain_AndTheMessageGoesOutOnce()
    {
        var to = MtaFixture.UniqueRecipient();
        Mta.Gmail.ThrottleNext("agent@acme.test", 1);

        var sent = await DoneAsync(await AcceptedAsync(new { from = new { userId }, to = new[] { to }, subject = "Busy",
            text = "x" }));

        Assert.Equal("Sent", (string?)sent["status"]);
        Assert.Single(sent["attempts"]!.AsArray());
        await Mta.DeliveredToAsync(to);
        Assert.Equal(1, Mta.DeliveredCount(to));
        var delivered = (await Mta.DeliveredToAsync(to)).Message.MessageId;
        Assert.Equal([429, 200], Mta.Gmail.Calls.Where(c => c.Mailbox == "agent@acme.test")
            .SkipWhile(c => c.Status != 429).Take(2).Select(c => c.Status));
        Assert.Single(Mta.Gmail.Calls, c => c.MessageId == delivered);
    }

    /// <summary>
    /// Gmail answers that the mailbox's daily limit is reached: one message asks and is told so, the others wait
    /// without asking. An hour later (the app's clock moved on) one asks again and is told again; once the limit is
    /// lifted and the next hour has come, every message goes, once.
    /// </summary>
    [Fact]
    public async Task DailyLimitReached_PausesTheMailbox_OneRequestAnHour_ThenEachMessageGoesOnce()
    {
        var recipients = Enumerable.Range(0, 4).Select(_ => MtaFixture.UniqueRecipient()).ToList();
        var since = DateTimeOffset.UtcNow;
        int Refusals() => Mta.Gmail.Calls.Count(c => c.Mailbox == "agent@acme.test" && c.At >= since
            && c.Status == 403);
        var accepted = new List<JsonObject>();
        int refusedFirst, refusedAgain;
        JsonArray warnings;
        Mta.Gmail.DailyLimitReached("agent@acme.test", true);
        try
        {
            foreach (var to in recipients)
            {
                accepted.Add(await AcceptedAsync(new { from = new { userId }, to = new[] { to }, subject = "Limited",
                    text = "x" }));
            }

            // Every message has been asked for or set to wait for the pause, so a second request would show.
            var paused = since.UtcDateTime.AddMinutes(30);
            await Eventually.TrueAsync(async () => (await Task.WhenAll(accepted.Select(a =>
                    agent.GetFromJsonAsync<JsonObject>($"/api/v1/messages/{a["id"]}")))).All(m =>
                    m!["attempts"]!.AsArray().Count > 0 || (DateTime?)m["nextAttemptAt"] > paused),
                TimeSpan.FromSeconds(20), "Not every message was asked for or set to wait");
            refusedFirst = Refusals();
            warnings = (await Api.GetFromJsonAsync<JsonArray>("/api/v1/credential-health"))!;
            App.Clock.Jump(TimeSpan.FromMinutes(61));
            await Eventually.TrueAsync(() => Task.FromResult(Refusals() >= 2), TimeSpan.FromSeconds(20),
                "Gmail was not asked again after the pause");
            refusedAgain = Refusals();
        }
        finally
        {
            Mta.Gmail.DailyLimitReached("agent@acme.test", false);
        }

        App.Clock.Jump(TimeSpan.FromMinutes(61));
        // The API's own sign-in expired with the hours that passed.
        var reader = await App.ApiClientAsync("agent@acme.test", Password);
        foreach (var message in accepted)
        {
            Assert.Equal("Sent", (string?)(await DoneAsync(reader, message))["status"]);
        }

        Assert.Equal((1, 2, 2), (refusedFirst, refusedAgain, Refusals()));
        Assert.Contains(warnings, w => (string?)w!["problem"] == "Throttled"
            && ((string?)w["message"])!.Contains("agent@acme.test", StringComparison.Ordinal)
            && ((string?)w["message"])!.Contains("daily sending limit", StringComparison.Ordinal));
        foreach (var to in recipients)
        {
            await Mta.DeliveredToAsync(to);
            Assert.Equal(1, Mta.DeliveredCount(to));
        }
    }

    [Fact]
    public async Task GmailServer_WithTheAppsOwnPermission_IsRefused()
    {
        var response = await OAuth.Admin.PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name = "Gmail refused", transport = "GmailApi", security = "SslOnConnect", authMethod = "OAuth2App",
            oauthAppId = await OAuth.AppAsync(), senderAddress = "support@acme.test",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("connected mailbox",
            (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["AuthMethod"]![0]);
    }

    private Task<JsonObject> AcceptedAsync(object message) => AcceptedAsync(agent, message);

    private Task<JsonObject> DoneAsync(JsonObject accepted) => DoneAsync(agent, accepted);
}
