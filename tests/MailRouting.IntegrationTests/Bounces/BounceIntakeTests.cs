using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.IntegrationTests.Mta;

namespace MailRouting.IntegrationTests.Bounces;

/// <summary>
/// Bounces through the real parts: the test Postfix accepts mail for gone.test, finds no such mailbox and returns a
/// real delivery status notification to the sender's Dovecot mailbox, where the app reads it (IMAP IDLE).
/// </summary>
[Collection(MtaGroup.Name)]
public sealed class BounceIntakeTests(MtaFixture mta) : IAsyncLifetime
{
    private readonly AppFactory app = new();

    public Task InitializeAsync() => app.InitializeAsync();

    public Task DisposeAsync() => app.DisposeAsync();

    private static async Task<JsonObject> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.True(response.StatusCode == expected,
            $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private async Task<int> ChannelAsync(HttpClient api, (string Login, string Password) account, bool verp,
        int? imapPort = null)
    {
        var server = await ReadAsync(await api.PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name = $"Postfix as {account.Login}", host = MtaFixture.Host, port = mta.SubmissionPort,
            security = "StartTls",
            authMethod = "Login", username = account.Login, password = account.Password,
            pinnedCertificateSha256 = mta.CertificateSha256, verp,
        }), HttpStatusCode.Created);
        return (int)(await ReadAsync(await api.PostAsJsonAsync("/api/v1/channels", new
        {
            name = $"Desk {account.Login}", address = account.Login, serverId = (int)server["id"]!, readBounces = true,
            incoming = new
            {
                protocol = "Imap", host = MtaFixture.Host, port = imapPort ?? mta.ImapPort, security = "None",
                username = account.Login, password = account.Password,
            },
        }), HttpStatusCode.Created))["id"]!;
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient api, int channelId, string recipient,
        bool? anyway = null) =>
        api.PostAsJsonAsync("/api/v1/messages", new
        {
            from = new { channelId }, to = new[] { recipient }, subject = "Your replacement part",
            text = "It ships today.",
            sendToSuppressed = anyway,
        });

    private static async Task<JsonArray> SuppressionsOfAsync(HttpClient api, string address) =>
        (JsonArray)(await api.GetFromJsonAsync<JsonObject>($"/api/v1/suppressions?address={address}"))!["items"]!;

    private static async Task<JsonObject> BouncedAsync(HttpClient api, JsonObject accepted) =>
        await Eventually.MessageAsync(api, (string)accepted["id"]!, m => m["bounces"] is JsonArray { Count: > 0 },
            TimeSpan.FromSeconds(60));

    [Fact]
    public async Task UnknownUser_BounceIsReadAndShown_AddressSuppressed_UntilAnAdminRemovesIt()
    {
        var api = await app.ApiClientAsync();
        var channel = await ChannelAsync(api, MtaFixture.Support, verp: true);
        var recipient = $"t-{Guid.NewGuid():N}@gone.test";

        var accepted = await ReadAsync(await SendAsync(api, channel, recipient), HttpStatusCode.Accepted);
        var message = await BouncedAsync(api, accepted);

        Assert.Equal("Sent", (string?)message["status"]);
        Assert.Equal($"support+{Guid.Parse((string)accepted["id"]!):N}@acme.test", (string?)message["envelopeFrom"]);
        var bounce = message["bounces"]![0]!;
        Assert.Equal((recipient, "Hard", "5.1.1", "Verp"), ((string)bounce["recipient"]!, (string)bounce["kind"]!,
            (string)bounce["status"]!, (string)bounce["matchedBy"]!));
        Assert.StartsWith("Bounced (hard): 5.1.1 unknown user", (string)bounce["summary"]!);
        Assert.Equal("The recipient address does not exist or is not accepted by this server.",
            (string?)bounce["meaning"]);
        Assert.True(await new TestMailbox(mta, MtaFixture.Support).HoldsBounceForAsync("Bounces", recipient));

        var browser = await app.BrowserAsync();
        var page = await browser.GetStringAsync($"/Messages/Details/{accepted["id"]}");
        Assert.Contains("After delivery", page);
        Assert.Contains("Bounced (hard): 5.1.1 unknown user", page);
        Assert.Contains("<span class=\"badge fail\">Bounced (hard)</span>", await browser.GetStringAsync("/Messages"));

        var entry = Assert.Single(await SuppressionsOfAsync(api, recipient))!;
        Assert.Equal(("HardBounce", (string?)accepted["id"]), ((string)entry["reason"]!, (string?)entry["messageId"]));
        Assert.Contains("unknown user", (string)entry["detail"]!);

        var refused = await ReadAsync(await SendAsync(api, channel, recipient), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(("A recipient is suppressed", "RecipientSuppressed"),
            ((string)refused["title"]!, (string)refused["code"]!));
        Assert.Matches($@"^{recipient} is suppressed since \d{{4}}-\d\d-\d\d \d\d:\d\d UTC: "
            + @".*unknown user.*\(hard bounce\)\. Nothing was sent\.$",
            (string)refused["detail"]!);
        await ReadAsync(await SendAsync(api, channel, recipient, anyway: true), HttpStatusCode.Accepted);

        var id = (int)entry["id"]!;
        await ReadAsync(await api.PostAsJsonAsync($"/api/v1/suppressions/{id}/remove", new { reason = " " }),
            HttpStatusCode.BadRequest);
        await ReadAsync(await SendAsync(api, channel, recipient), HttpStatusCode.UnprocessableEntity);
        var removed = await ReadAsync(await api.PostAsJsonAsync($"/api/v1/suppressions/{id}/remove",
            new { reason = "Customer says the mailbox is back" }), HttpStatusCode.OK);
        Assert.Equal((false, AppFactory.AdminEmail, "Customer says the mailbox is back"),
            ((bool)removed["active"]!, (string)removed["removedBy"]!, (string)removed["removalReason"]!));
        await ReadAsync(await api.PostAsJsonAsync($"/api/v1/suppressions/{id}/remove", new { reason = "again" }),
            HttpStatusCode.Conflict);
        await ReadAsync(await api.PostAsJsonAsync("/api/v1/suppressions/99999/remove", new { reason = "x" }),
            HttpStatusCode.NotFound);
        await ReadAsync(await SendAsync(api, channel, recipient), HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task WithoutVerp_MatchedByMessageId_UnmatchedKept_AutoRepliesLeft_OfflineMailboxExplained()
    {
        var api = await app.ApiClientAsync();
        var sales = new TestMailbox(mta, MtaFixture.Sales);
        var tag = Guid.NewGuid().ToString("N");
        await sales.AppendAsync($"""
            From: Jane Doe <jane@customer.test>
            To: sales@acme.test
            Subject: Automatic reply: Your offer
            Auto-Submitted: auto-replied
            Message-ID: <auto-{tag}@customer.test>

            I am out of the office until Monday.
            """);
        await sales.AppendAsync($"""
            From: Jane Doe <jane@customer.test>
            To: sales@acme.test
            Subject: Re: Your offer
            Message-ID: <answer-{tag}@customer.test>

            Thanks, we take it.
            """);
        await sales.AppendAsync($"""
            From: MAILER-DAEMON@elsewhere.test (Mail Delivery System)
            To: sales@acme.test
            Subject: Undelivered Mail Returned to Sender
            Message-ID: <unmatched-{tag}@elsewhere.test>
            Content-Type: text/plain

            This is the mail system at host elsewhere.test.

            <stranger-{tag}@customer.test>: host mx.customer.test[192.0.2.1] said: 550 5.1.1 User unknown

            Message-ID: <never-sent-{tag}@acme.test>
            """);
        var offline = await ChannelAsync(api, MtaFixture.Agent, verp: false, imapPort: mta.ClosedPort);
        var channel = await ChannelAsync(api, MtaFixture.Sales, verp: false);
        var recipient = $"t-{tag}@gone.test";

        var accepted = await ReadAsync(await SendAsync(api, channel, recipient), HttpStatusCode.Accepted);
        var message = await BouncedAsync(api, accepted);
        var bounce = message["bounces"]![0]!;

        Assert.Equal(("sales@acme.test", "MessageId", recipient),
            ((string)message["envelopeFrom"]!, (string)bounce["matchedBy"]!, (string)bounce["recipient"]!));
        var unmatched = (JsonArray)(await api.GetFromJsonAsync<JsonObject>("/api/v1/bounces?matched=false"))!["items"]!;
        var kept = Assert.Single(unmatched, b => (string?)b!["recipient"] == $"stranger-{tag}@customer.test")!;
        Assert.Equal(("Postfix", "Hard", (string?)null),
            ((string)kept["format"]!, (string)kept["kind"]!, (string?)kept["messageId"]));
        Assert.True(await sales.HoldsAsync("Bounces", $"unmatched-{tag}@elsewhere.test"));
        Assert.False(await sales.HoldsAsync("INBOX", $"unmatched-{tag}@elsewhere.test"));
        Assert.True(await sales.HoldsAsync("INBOX", $"auto-{tag}@customer.test"));
        Assert.True(await sales.HoldsAsync("INBOX", $"answer-{tag}@customer.test"));
        var all = (JsonArray)(await api.GetFromJsonAsync<JsonObject>("/api/v1/bounces"))!["items"]!;
        Assert.DoesNotContain(all,
            b => ((string?)b!["subject"])!.StartsWith("Automatic reply", StringComparison.Ordinal));
        Assert.Empty(await SuppressionsOfAsync(api, $"stranger-{tag}"));

        var mailboxes = await api.GetFromJsonAsync<JsonArray>("/api/v1/bounces/mailboxes");
        var working = mailboxes!.Single(m => (int)m!["channelId"]! == channel)!;
        Assert.Equal((null, true), ((string?)working["failure"], (bool)working["idles"]!));
        var failing = await EventuallyFailingAsync(api, offline);
        Assert.StartsWith($"Nothing accepted the connection on {MtaFixture.Host}:{mta.ClosedPort}",
            (string)failing["failure"]!);
        Assert.StartsWith("Check the port (usually 993 or 143 for IMAP, 995 or 110 for POP3)", (string)failing["fix"]!);
    }

    [Fact]
    public async Task SoftBounces_AreCounted_AndTheThirdSuppressesTheAddress()
    {
        var api = await app.ApiClientAsync();
        var relay = new TestMailbox(mta, MtaFixture.Relay);
        var channel = await ChannelAsync(api, MtaFixture.Relay, verp: false);
        var recipient = MtaFixture.UniqueRecipient();
        var suppressedAfter = new List<int>();

        for (var i = 0; i < 3; i++)
        {
            var accepted = await ReadAsync(await SendAsync(api, channel, recipient), HttpStatusCode.Accepted);
            var sent = await Eventually.MessageAsync(api, (string)accepted["id"]!, m => (string?)m["status"] == "Sent");
            await relay.AppendAsync(ExpiredReport(recipient, (string)sent["messageId"]!));
            var bounce = (await BouncedAsync(api, accepted))["bounces"]![0]!;
            Assert.Equal(("Soft", "4.4.7"), ((string)bounce["kind"]!, (string)bounce["status"]!));
            suppressedAfter.Add((await SuppressionsOfAsync(api, recipient)).Count);
        }

        Assert.Equal([0, 0, 1], suppressedAfter);
        var entry = (await SuppressionsOfAsync(api, recipient))[0]!;
        Assert.Equal("SoftBounces", (string?)entry["reason"]);
        Assert.EndsWith("(soft bounce 3 within 30 days)", (string)entry["detail"]!);
    }

    /// <summary>What Postfix sends when it gives up on a message after its queue lifetime.</summary>
    private static string ExpiredReport(string recipient, string messageId) => $"""
        From: MAILER-DAEMON@mx.partner.test (Mail Delivery System)
        To: relay@acme.test
        Subject: Undelivered Mail Returned to Sender
        Message-ID: <{Guid.NewGuid():N}@mx.partner.test>
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="b"

        --b
        Content-Type: text/plain

        This is the mail system at host mx.partner.test.

        --b
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.partner.test

        Final-Recipient: rfc822; {recipient}
        Action: failed
        Status: 4.4.7
        Diagnostic-Code: X-Postfix; delivery temporarily suspended: connect to mx.customer.test: Connection timed out

        --b
        Content-Type: text/rfc822-headers

        From: relay@acme.test
        Message-ID: <{messageId}>

        --b--
        """;

    private static async Task<JsonNode> EventuallyFailingAsync(HttpClient api, int channelId)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var mailbox = (await api.GetFromJsonAsync<JsonArray>("/api/v1/bounces/mailboxes"))!
                .Single(m => (int)m!["channelId"]! == channelId)!;
            if (mailbox["failure"] is not null)
            {
                return mailbox;
            }

            Assert.True(waited.Elapsed < Eventually.Deadline,
                $"The offline mailbox never failed: {mailbox.ToJsonString()}");
            await Task.Delay(100);
        }
    }
}
