using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.IntegrationTests.Mta;
using MailRouting.Outbox;
using MailRouting.Users;

namespace MailRouting.IntegrationTests.Api;

/// <summary>POST /api/v1/messages → outbox → delivery worker → the harness Postfix, and what GET says about it.</summary>
[Collection(MtaGroup.Name)]
public sealed class MessageEndpointsTests(MtaFixture mta) : IAsyncLifetime
{
    private readonly AppFactory app = new();
    private HttpClient api = null!;

    public async Task InitializeAsync()
    {
        await app.InitializeAsync();
        api = await app.ApiClientAsync();
    }

    public Task DisposeAsync() => app.DisposeAsync();

    private async Task<int> ServerAsync((string Login, string Password) account, int? port = null, params string[] sendAs) =>
        await ServerAsync(account, port, null, null, sendAs);

    private async Task<int> ServerAsync((string Login, string Password) account, int? port, int? maxMessagesPerSession, int? maxMessagesPerMinute, params string[] sendAs) =>
        await ServerAsync(account, port, maxMessagesPerSession, maxMessagesPerMinute, null, sendAs);

    private async Task<int> ServerAsync((string Login, string Password) account, int? port, int? maxMessagesPerSession, int? maxMessagesPerMinute,
        int? maxConcurrentSessions, params string[] sendAs)
    {
        var response = await api.PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name = $"Server {Guid.NewGuid():N}", host = MtaFixture.Host, port = port ?? mta.SubmissionPort, security = port is null ? "StartTls" : "None",
            authMethod = "Plain", username = account.Login, password = account.Password, sendAs, pinnedCertificateSha256 = mta.CertificateSha256, timeoutSeconds = 5,
            maxMessagesPerSession, maxMessagesPerMinute, maxConcurrentSessions,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (int)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    private async Task<int> ChannelAsync(string address, int serverId, bool usableAsSender = true)
    {
        var response = await api.PostAsJsonAsync("/api/v1/channels", new { name = address, address, displayName = "Acme Support", serverId, usableAsSender });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (int)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    private static object Message(int channelId, string recipient, string? key = null) => new
    {
        from = new { channelId },
        to = new[] { recipient },
        subject = "Your ticket",
        text = "Hello from support.",
        html = "<p>Hello from <b>support</b>.</p>",
        attachments = new[] { new { fileName = "note.txt", contentType = "text/plain", contentBase64 = Convert.ToBase64String("attached"u8.ToArray()) } },
        idempotencyKey = key,
    };

    private static Task<JsonObject> WaitForAsync(HttpClient client, string id, params string[] statuses) =>
        Eventually.MessageAsync(client, id, m => statuses.Contains((string?)m["status"]));

    [Fact]
    public async Task Send_AsAChannel_IsDeliveredOnceAsTheResolvedAccount()
    {
        var channel = await ChannelAsync("support@acme.test", await ServerAsync(("relay@acme.test", "relay-secret-4")));
        var recipient = MtaFixture.UniqueRecipient();

        var response = await api.PostAsJsonAsync("/api/v1/messages", Message(channel, recipient, key: "ticket-42"));
        var again = await api.PostAsJsonAsync("/api/v1/messages", Message(channel, recipient, key: "ticket-42"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal((string?)accepted["id"], (string?)(await again.Content.ReadFromJsonAsync<JsonObject>())!["id"]);
        var sent = await WaitForAsync(api, (string)accepted["id"]!, "Sent", "Failed");
        Assert.Equal("Sent", (string?)sent["status"]);
        Assert.NotNull((string?)sent["queueId"]);
        Assert.Equal("relay@acme.test", (string?)sent["envelopeFrom"]);
        Assert.Equal("relay@acme.test", (string?)sent["login"]);
        Assert.Single(sent["attempts"]!.AsArray());

        var (message, returnPath) = await mta.DeliveredToAsync(recipient);
        Assert.Equal("relay@acme.test", message.From.Mailboxes.Single().Address);
        Assert.Equal("support@acme.test", message.ReplyTo.Mailboxes.Single().Address);
        Assert.Equal("relay@acme.test", returnPath);
        Assert.Equal((string?)accepted["messageId"], message.MessageId);
        Assert.Equal("note.txt", message.Attachments.Single().ContentDisposition!.FileName);
        await Task.Delay(500);
        Assert.Equal(1, mta.DeliveredCount(recipient));
    }

    [Fact]
    public async Task Send_ALargeAttachmentAsDotNetWritesIt_ArrivesByteForByte()
    {
        var channel = await ChannelAsync("support@acme.test", await ServerAsync(("relay@acme.test", "relay-secret-4")));
        var recipient = MtaFixture.UniqueRecipient();
        var content = new byte[6_000_000];
        new Random(6).NextBytes(content);

        // The serializer writes + as \u002B and the request arrives in many buffers: the case the app decodes itself.
        var response = await api.PostAsJsonAsync("/api/v1/messages", new
        {
            from = new { channelId = channel }, to = new[] { recipient }, text = "The scan.",
            attachments = new[] { new { fileName = "scan.bin", contentType = "application/octet-stream", contentBase64 = Convert.ToBase64String(content) } },
        });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("Sent", (string?)(await WaitForAsync(api, (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!, "Sent", "Failed"))["status"]);
        var (message, _) = await mta.DeliveredToAsync(recipient);
        using var received = new MemoryStream();
        await ((MimeKit.MimePart)message.Attachments.Single()).Content!.DecodeToAsync(received);
        Assert.Equal(content, received.ToArray());
    }

    [Fact]
    public async Task Delivery_IsCountedInMetricsAndOnTheHomePage()
    {
        var server = await ServerAsync(("relay@acme.test", "relay-secret-4"));
        var channel = await ChannelAsync("support@acme.test", server);
        var sentForServer = 0L;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == DeliveryMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "mailrouting.messages.sent" && tags.ToArray().Any(t => t.Key == "server" && Equals(t.Value, server)))
            {
                Interlocked.Add(ref sentForServer, value);
            }
        });
        listener.Start();

        var accepted = (await (await api.PostAsJsonAsync("/api/v1/messages", Message(channel, MtaFixture.UniqueRecipient()))).Content.ReadFromJsonAsync<JsonObject>())!;
        await WaitForAsync(api, (string)accepted["id"]!, "Sent", "Failed");
        var home = WebUtility.HtmlDecode(await (await app.BrowserAsync()).GetStringAsync("/"));

        Assert.Equal(1, Interlocked.Read(ref sentForServer));
        Assert.Contains("Waiting to be sent: <strong>0</strong>", home);
        Assert.Matches(@"<th scope=""row""><a href=""/Messages\?serverId=\d+"">Server [0-9a-f]+</a></th>\s*<td>1</td>\s*<td>0</td>", home);
    }

    [Fact]
    public async Task Send_SenderTheServerDoesNotOwn_FailsAtOnce_AndRetryAfterTheFixGoesOutTheNewWay()
    {
        var server = await ServerAsync(MtaFixture.Agent, null, "sales@acme.test");
        var channel = await ChannelAsync("sales@acme.test", server);
        var recipient = MtaFixture.UniqueRecipient();

        var accepted = (await (await api.PostAsJsonAsync("/api/v1/messages", Message(channel, recipient))).Content.ReadFromJsonAsync<JsonObject>())!;
        var failed = await WaitForAsync(api, (string)accepted["id"]!, "Failed", "Sent");

        Assert.Equal("Failed", (string?)failed["status"]);
        var attempt = failed["attempts"]!.AsArray().Single()!;
        Assert.Equal("SenderNotOwned", (string?)attempt["diagnosticCode"]);
        Assert.StartsWith("553", (string?)attempt["serverReply"]);

        // The fix: the channel signs in with its own mailbox. A retry is resolved with the configuration as it is now.
        var fixedChannel = await api.PutAsJsonAsync($"/api/v1/channels/{channel}", new
        {
            name = "sales@acme.test", address = "sales@acme.test", displayName = "Acme Sales", serverId = server, overrideCredentials = true,
            username = MtaFixture.Sales.Login, password = MtaFixture.Sales.Password,
        });
        Assert.Equal(HttpStatusCode.OK, fixedChannel.StatusCode);
        var retried = await api.PostAsync($"/api/v1/messages/{accepted["id"]}/retry", null);
        var sent = await WaitForAsync(api, (string)accepted["id"]!, "Sent");

        Assert.Equal(HttpStatusCode.NoContent, retried.StatusCode);
        Assert.Equal("Sent", (string?)sent["status"]);
        Assert.Equal("sales@acme.test", (string?)sent["login"]);
        Assert.Contains("signed in as sales@acme.test", (string?)sent["attempts"]![1]!["outcome"], StringComparison.Ordinal);
        var (message, returnPath) = await mta.DeliveredToAsync(recipient);
        Assert.Equal((string?)failed["messageId"], message.MessageId);
        Assert.Equal("sales@acme.test", message.From.Mailboxes.Single().Address);
        Assert.Equal("sales@acme.test", returnPath);
        Assert.Equal(HttpStatusCode.Conflict, (await api.PostAsync($"/api/v1/messages/{accepted["id"]}/retry", null)).StatusCode);
    }

    [Fact]
    public async Task RetryFailed_OfAChannel_AfterTheFix_SendsEveryFailedMessageOnce_FromThePage()
    {
        var server = await ServerAsync(MtaFixture.Agent, null, "sales@acme.test");
        var channel = await ChannelAsync("sales@acme.test", server);
        var recipients = Enumerable.Range(0, 3).Select(_ => MtaFixture.UniqueRecipient()).ToList();
        var ids = new List<string>();
        foreach (var recipient in recipients)
        {
            var accepted = (await (await api.PostAsJsonAsync("/api/v1/messages", Message(channel, recipient))).Content.ReadFromJsonAsync<JsonObject>())!;
            ids.Add((string)accepted["id"]!);
        }

        foreach (var id in ids)
        {
            Assert.Equal("Failed", (string?)(await WaitForAsync(api, id, "Failed", "Sent"))["status"]);
        }

        Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync($"/api/v1/channels/{channel}", new
        {
            name = "sales@acme.test", address = "sales@acme.test", displayName = "Acme Sales", serverId = server, overrideCredentials = true,
            username = MtaFixture.Sales.Login, password = MtaFixture.Sales.Password,
        })).StatusCode);
        var browser = await app.BrowserAsync();
        var retried = await browser.PostFormAsync($"/Channels/Details/{channel}?handler=RetryFailed", [], formPage: $"/Channels/Details/{channel}");
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync($"/Channels/Details/{channel}"));
        foreach (var id in ids)
        {
            Assert.Equal("Sent", (string?)(await WaitForAsync(api, id, "Sent", "Failed"))["status"]);
        }

        var again = (await (await api.PostAsync($"/api/v1/channels/{channel}/retry-failed", null)).Content.ReadFromJsonAsync<JsonObject>())!;
        await Task.Delay(500);
        Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);
        Assert.Contains("3 failed messages are queued again", page);
        Assert.Equal(0, (int)again["queued"]!);
        Assert.All(recipients, r => Assert.Equal(1, mta.DeliveredCount(r)));
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsync("/api/v1/smtp-servers/999999/retry-failed", null)).StatusCode);
    }

    [Theory]
    [InlineData("to")]
    [InlineData("cc")]
    [InlineData("bcc")]
    public async Task Send_ANullRecipient_Is400NamingTheField(string field)
    {
        var channel = await ChannelAsync("support@acme.test", await ServerAsync(("relay@acme.test", "relay-secret-4")));
        var body = new JsonObject
        {
            ["from"] = new JsonObject { ["channelId"] = channel },
            ["to"] = new JsonArray("someone@customer.test"),
            ["text"] = "Hello",
            [field] = new JsonArray(null, "someone@customer.test"),
        };

        var response = await api.PostAsJsonAsync("/api/v1/messages", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"{field}[0]", (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task Send_WithoutSenderAndWithoutRecipient_NamesBoth()
    {
        var response = await api.PostAsJsonAsync("/api/v1/messages", new { to = Array.Empty<string>(), text = "Hello" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var fields = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key).ToList();
        Assert.Contains("from", fields);
        Assert.Contains("to", fields);
    }

    [Theory]
    [InlineData("invoice.exe", "application/octet-stream", "SGVsbG8=", "invoice.exe (application/octet-stream) is a type of file")]
    [InlineData("invoice.pdf", "application/pdf", "TVqQAAMAAAAEAAAA", "invoice.pdf is a program, whatever its name says")]
    [InlineData("forwarded.txt", "message/rfc822", "RnJvbTogY2VvQGFjbWUudGVzdA==", "forwarded.txt is a whole email message")]
    public async Task Send_ARefusedAttachment_Is400NamingTheFile_AndStoresNothing(string name, string type, string base64, string refusal)
    {
        var channel = await ChannelAsync("support@acme.test", await ServerAsync(("relay@acme.test", "relay-secret-4")));

        var response = await api.PostAsJsonAsync("/api/v1/messages", new
        {
            from = new { channelId = channel }, to = new[] { "someone@customer.test" }, text = "Hello",
            attachments = new[] { new { fileName = name, contentType = type, contentBase64 = base64 } },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(refusal, (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["attachments[0]"]![0], StringComparison.Ordinal);
        Assert.Equal(0, (int)(await api.GetFromJsonAsync<JsonObject>("/api/v1/messages"))!["total"]!);
    }

    [Fact]
    public async Task Send_ANullAttachmentOrBatchMessage_Is400NamingTheField()
    {
        var channel = await ChannelAsync("support@acme.test", await ServerAsync(("relay@acme.test", "relay-secret-4")));

        var attachment = await api.PostAsJsonAsync("/api/v1/messages", new
        {
            from = new { channelId = channel }, to = new[] { "someone@customer.test" }, text = "Hello", attachments = new object?[] { null },
        });
        var batch = await api.PostAsJsonAsync("/api/v1/messages/batch", new { messages = new[] { Message(channel, "someone@customer.test"), null } });

        Assert.Equal(HttpStatusCode.BadRequest, attachment.StatusCode);
        Assert.Contains("attachments[0]", (await attachment.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(HttpStatusCode.BadRequest, batch.StatusCode);
        Assert.Contains("messages[1]", (await batch.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(0, (int)(await api.GetFromJsonAsync<JsonObject>("/api/v1/messages"))!["total"]!);
    }

    [Fact]
    public async Task Send_TwentyConcurrentRequestsWithOneNewIdempotencyKey_AllGetTheOneMessage()
    {
        var channel = await ChannelAsync("support@acme.test", await ServerAsync(("relay@acme.test", "relay-secret-4")));
        var recipient = MtaFixture.UniqueRecipient();

        // All twenty leave at the same moment, so several pass the "key already used?" check before any is saved.
        using var start = new ManualResetEventSlim();
        var sending = Enumerable.Range(0, 20)
            .Select(_ => Task.Run(async () => { start.Wait(); return await api.PostAsJsonAsync("/api/v1/messages", Message(channel, recipient, key: "race-1")); }))
            .ToList();
        start.Set();
        var responses = await Task.WhenAll(sending);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var ids = new HashSet<string>();
        foreach (var response in responses)
        {
            ids.Add((string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!);
        }

        Assert.Single(ids);
        Assert.Equal(1, (int)(await api.GetFromJsonAsync<JsonObject>("/api/v1/messages"))!["total"]!);
        Assert.Equal("Sent", (string?)(await WaitForAsync(api, ids.Single(), "Sent", "Failed"))["status"]);
    }

    [Fact]
    public async Task Send_ReplyToAnInactiveChannel_IsInvalid_AndOneNotOpenForReplyTo_IsNotPermittedForAnAgent_WithTheRule()
    {
        await app.CreateUserAsync("reply-agent@acme.test", Users.Roles.Agent, "Agent-Pa55word!");
        var agent = await app.ApiClientAsync("reply-agent@acme.test", "Agent-Pa55word!");
        var server = await ServerAsync(("relay@acme.test", "relay-secret-4"));
        var channel = await ChannelAsync("support@acme.test", server);
        var inactive = await api.PostAsJsonAsync("/api/v1/channels", new { name = "Old", address = "old@acme.test", serverId = server, isActive = false });
        var notReplyTo = await api.PostAsJsonAsync("/api/v1/channels", new { name = "No reply", address = "noreply@acme.test", serverId = server, usableAsReplyTo = false });
        var ready = await api.PostAsJsonAsync("/api/v1/channels", new { name = "Sales", address = "sales@acme.test", serverId = server });

        async Task<int> IdOf(HttpResponseMessage created) => (int)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var (inactiveId, notReplyToId, readyId) = (await IdOf(inactive), await IdOf(notReplyTo), await IdOf(ready));
        async Task<HttpResponseMessage> SendWithReplyToAsync(HttpClient client, int replyToChannelId) => await client.PostAsJsonAsync("/api/v1/messages", new
        {
            from = new { channelId = channel }, to = new[] { MtaFixture.UniqueRecipient() }, text = "Hello", replyToChannelId,
        });

        var refused = await SendWithReplyToAsync(agent, notReplyToId);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendWithReplyToAsync(agent, inactiveId)).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("reply-agent@acme.test may not use noreply@acme.test as Reply-To: noreply@acme.test is not open to any agent.",
            (string?)(await refused.Content.ReadFromJsonAsync<JsonObject>())!["detail"]);
        Assert.Equal(HttpStatusCode.Accepted, (await SendWithReplyToAsync(agent, readyId)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await SendWithReplyToAsync(api, notReplyToId)).StatusCode);
    }

    [Fact]
    public async Task Send_ServerUnreachable_RetriesAndIsSentOnceTheConfigurationIsFixed()
    {
        var server = await ServerAsync(("relay@acme.test", "relay-secret-4"), port: mta.ClosedPort);
        var channel = await ChannelAsync("support@acme.test", server);
        var recipient = MtaFixture.UniqueRecipient();

        var accepted = (await (await api.PostAsJsonAsync("/api/v1/messages", Message(channel, recipient))).Content.ReadFromJsonAsync<JsonObject>())!;
        var retrying = await WaitForAsync(api, (string)accepted["id"]!, "Retrying");
        var current = (await api.GetFromJsonAsync<JsonObject>($"/api/v1/smtp-servers/{server}"))!;
        var fixedServer = await api.PutAsJsonAsync($"/api/v1/smtp-servers/{server}", new
        {
            name = (string?)current["name"], host = MtaFixture.Host, port = mta.SubmissionPort, security = "StartTls", authMethod = "Plain",
            username = "relay@acme.test", pinnedCertificateSha256 = mta.CertificateSha256,
        });
        var sent = await WaitForAsync(api, (string)accepted["id"]!, "Sent", "Failed");

        Assert.Equal("Retrying", (string?)retrying["status"]);
        Assert.Equal("ConnectionRefused", (string?)retrying["attempts"]![0]!["diagnosticCode"]);
        Assert.Equal(HttpStatusCode.OK, fixedServer.StatusCode);
        Assert.Equal("Sent", (string?)sent["status"]);
        Assert.True(sent["attempts"]!.AsArray().Count >= 2);
        var (message, _) = await mta.DeliveredToAsync(recipient);
        Assert.Equal((string?)accepted["messageId"], message.MessageId);
    }

    [Fact]
    public async Task Send_DuringAnOutage_IsRetriedAndDeliveredOnceWhenTheServerIsBack()
    {
        var channel = await ChannelAsync("support@acme.test", await ServerAsync(("relay@acme.test", "relay-secret-4")));
        var warmUp = (await (await api.PostAsJsonAsync("/api/v1/messages", Message(channel, MtaFixture.UniqueRecipient()))).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Sent", (string?)(await WaitForAsync(api, (string)warmUp["id"]!, "Sent", "Failed"))["status"]);

        await mta.PostfixAsync("stop");
        var recipients = Enumerable.Range(0, 5).Select(_ => MtaFixture.UniqueRecipient()).ToList();
        var ids = new List<string>();
        try
        {
            foreach (var recipient in recipients)
            {
                ids.Add((string)(await (await api.PostAsJsonAsync("/api/v1/messages", Message(channel, recipient))).Content.ReadFromJsonAsync<JsonObject>())!["id"]!);
            }

            var retrying = await WaitForAsync(api, ids[^1], "Retrying", "Failed");
            Assert.Equal("Retrying", (string?)retrying["status"]);
        }
        finally
        {
            await mta.PostfixAsync("start");
        }

        foreach (var id in ids)
        {
            var sent = await WaitForAsync(api, id, "Sent", "Failed");
            Assert.Equal("Sent", (string?)sent["status"]);
            Assert.Equal((string?)sent["messageId"], (await mta.DeliveredToAsync((string)sent["recipients"]![0]!)).Message.MessageId);
        }

        await Task.Delay(500);
        Assert.All(recipients, r => Assert.Equal(1, mta.DeliveredCount(r)));
    }

    /// <summary>A certificate that changed (here: another one pinned) is named on the send, with the Trust action on the message's page.</summary>
    [Fact]
    public async Task Send_ToAServerWithAnUntrustedCertificate_IsHeldWithItsFingerprint_UntilAnAdminTrustsIt()
    {
        var server = await ServerAsync(("relay@acme.test", "relay-secret-4"));
        var changed = await api.PutAsJsonAsync($"/api/v1/smtp-servers/{server}", await WithPinAsync(server, new string('A', 64)));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var channel = await ChannelAsync("relay@acme.test", server);
        var id = (string)(await (await api.PostAsJsonAsync("/api/v1/messages", Message(channel, MtaFixture.UniqueRecipient()))).Content.ReadFromJsonAsync<JsonObject>())!["id"]!;

        var held = await WaitForAsync(api, id, "Retrying", "Failed", "Sent");
        var browser = await app.BrowserAsync();
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync($"/Messages/Details/{id}"));
        var trusted = await browser.PostFormAsync($"/Messages/Details/{id}?handler=Trust", new() { ["fingerprint"] = mta.CertificateSha256 }, formPage: $"/Messages/Details/{id}");
        var sent = await WaitForAsync(api, id, "Sent", "Failed");

        var attempt = held["attempts"]![0]!;
        Assert.Equal("CertificateInvalid", (string?)attempt["diagnosticCode"]);
        Assert.Equal(mta.CertificateSha256, (string?)attempt["certificateSha256"]);
        Assert.Contains(mta.CertificateSha256, (string?)attempt["diagnostic"] + page);
        Assert.Contains("Trust this certificate", page);
        Assert.Equal(HttpStatusCode.Redirect, trusted.StatusCode);
        Assert.Equal("Sent", (string?)sent["status"]);
    }

    private async Task<JsonObject> WithPinAsync(int server, string pin)
    {
        var current = (await api.GetFromJsonAsync<JsonObject>($"/api/v1/smtp-servers/{server}"))!;
        current["pinnedCertificateSha256"] = pin;
        return current;
    }

    [Fact]
    public async Task Send_RejectedPassword_HoldsMessagesWithoutALockoutStorm_UntilThePasswordIsFixed()
    {
        var server = await ServerAsync(("relay@acme.test", "wrong-relay-password"));
        var channel = await ChannelAsync("support@acme.test", server);
        var failuresBefore = mta.AuthFailureCount();

        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add((string)(await (await api.PostAsJsonAsync("/api/v1/messages", Message(channel, MtaFixture.UniqueRecipient()))).Content.ReadFromJsonAsync<JsonObject>())!["id"]!);
        }

        foreach (var id in ids)
        {
            var held = await WaitForAsync(api, id, "Retrying", "Failed", "Sent");
            Assert.Equal("Retrying", (string?)held["status"]);
            Assert.True((string?)held["attempts"]![0]!["diagnosticCode"] == "AuthFailed", held.ToJsonString());
            Assert.Equal("Held until the sign-in settings change", (string?)held["attempts"]![0]!["outcome"]);
        }

        var home = WebUtility.HtmlDecode(await (await app.BrowserAsync()).GetStringAsync("/"));
        Assert.Matches(@"<a href=""/Messages\?status=Retrying"">\d+ messages are held until a sign-in or certificate is fixed.</a>", home);
        var page = WebUtility.HtmlDecode(await (await app.BrowserAsync()).GetStringAsync($"/Messages/Details/{ids[0]}"));
        Assert.Contains("<strong>Who fixes it:</strong> It is the server's shared sign-in (relay@acme.test): your admin must renew it on the server's page.", page);
        Assert.Contains($"<a href=\"/SmtpServers/Edit/{server}\">Open that page</a>", page);
        await Task.Delay(1500);
        Assert.Equal(1, mta.AuthFailureCount() - failuresBefore);
        foreach (var id in ids)
        {
            Assert.Single((await api.GetFromJsonAsync<JsonObject>($"/api/v1/messages/{id}"))!["attempts"]!.AsArray());
        }

        var current = (await api.GetFromJsonAsync<JsonObject>($"/api/v1/smtp-servers/{server}"))!;
        var fixedPassword = await api.PutAsJsonAsync($"/api/v1/smtp-servers/{server}", new
        {
            name = (string?)current["name"], host = MtaFixture.Host, port = mta.SubmissionPort, security = "StartTls", authMethod = "Plain",
            username = "relay@acme.test", password = "relay-secret-4", pinnedCertificateSha256 = mta.CertificateSha256,
        });
        Assert.Equal(HttpStatusCode.OK, fixedPassword.StatusCode);
        foreach (var id in ids)
        {
            Assert.Equal("Sent", (string?)(await WaitForAsync(api, id, "Sent", "Failed"))["status"]);
        }

        Assert.Equal(1, mta.AuthFailureCount() - failuresBefore);
        Assert.DoesNotContain("wrong-relay-password", app.LogText());
    }

    [Fact]
    public async Task Send_MessagesPerSessionLimit_OpensANewSessionEveryFewMessages()
    {
        var channel = await ChannelAsync("support@acme.test", await ServerAsync(("relay@acme.test", "relay-secret-4"), null, maxMessagesPerSession: 5, maxMessagesPerMinute: null));
        var sessionsBefore = mta.SessionCount();

        var ids = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add((string)(await (await api.PostAsJsonAsync("/api/v1/messages", Message(channel, MtaFixture.UniqueRecipient()))).Content.ReadFromJsonAsync<JsonObject>())!["id"]!);
        }

        foreach (var id in ids)
        {
            Assert.Equal("Sent", (string?)(await WaitForAsync(api, id, "Sent", "Failed"))["status"]);
        }

        Assert.InRange(mta.SessionCount() - sessionsBefore, 4, 6);
    }

    [Fact]
    public async Task SendBatch_QueuesEveryMessageInOneRequest_OrNoneWhenOneIsRefused()
    {
        var server = await ServerAsync(("relay@acme.test", "relay-secret-4"));
        var channel = await ChannelAsync("support@acme.test", server);
        var closed = await ChannelAsync("closed@acme.test", server, usableAsSender: false);
        await app.CreateUserAsync("agent-batch@acme.test", Roles.Agent, "Agent-Pa55word!");
        var agent = await app.ApiClientAsync("agent-batch@acme.test", "Agent-Pa55word!");
        var recipients = Enumerable.Range(0, 30).Select(_ => MtaFixture.UniqueRecipient()).ToList();

        var invalid = await api.PostAsJsonAsync("/api/v1/messages/batch", new
        {
            messages = new[] { Message(channel, recipients[0]), Message(channel, recipients[1]), new { from = new { channelId = channel }, to = new[] { "not an address" }, text = "x" } },
        });
        var notPermitted = await agent.PostAsJsonAsync("/api/v1/messages/batch", new { messages = new[] { Message(channel, recipients[0]), Message(closed, recipients[1]) } });
        var tooMany = await api.PostAsJsonAsync("/api/v1/messages/batch", new { messages = Enumerable.Range(0, 101).Select(_ => Message(channel, recipients[0])) });
        Assert.Equal(0, (int)(await api.GetFromJsonAsync<JsonObject>("/api/v1/messages"))!["total"]!);
        var accepted = await api.PostAsJsonAsync("/api/v1/messages/batch", new { messages = recipients.Select(r => Message(channel, r)) });

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("messages[2].to", (await invalid.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notPermitted.StatusCode);
        var problem = (await notPermitted.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(("NotPermitted", 1), ((string?)problem["code"], (int)problem["index"]!));
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var items = (await accepted.Content.ReadFromJsonAsync<JsonObject>())!["items"]!.AsArray();
        Assert.Equal(30, items.Count);
        foreach (var item in items)
        {
            Assert.Equal("Sent", (string?)(await WaitForAsync(api, (string)item!["id"]!, "Sent", "Failed"))["status"]);
        }

        Assert.All(recipients, r => Assert.Equal(1, mta.DeliveredCount(r)));
    }

    [Theory]
    [InlineData(null, 1)]
    [InlineData(3, 3)]
    public async Task Send_ManyMessagesForOneLogin_UseAsManyParallelSessionsAsTheServerAllows(int? parallel, int sessions)
    {
        var channel = await ChannelAsync("support@acme.test", await ServerAsync(("relay@acme.test", "relay-secret-4"), null, null, null, parallel));
        var sessionsBefore = mta.SessionCount();

        var accepted = await api.PostAsJsonAsync("/api/v1/messages/batch", new { messages = Enumerable.Range(0, 60).Select(_ => Message(channel, MtaFixture.UniqueRecipient())) });
        foreach (var item in (await accepted.Content.ReadFromJsonAsync<JsonObject>())!["items"]!.AsArray())
        {
            Assert.Equal("Sent", (string?)(await WaitForAsync(api, (string)item!["id"]!, "Sent", "Failed"))["status"]);
        }

        Assert.Equal(sessions, mta.SessionCount() - sessionsBefore);
    }

    [Fact]
    public async Task Send_MessagesPerMinuteLimit_HoldsTheRestWithoutAnAttempt()
    {
        var channel = await ChannelAsync("support@acme.test", await ServerAsync(("relay@acme.test", "relay-secret-4"), null, maxMessagesPerSession: null, maxMessagesPerMinute: 3));

        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((string)(await (await api.PostAsJsonAsync("/api/v1/messages", Message(channel, MtaFixture.UniqueRecipient()))).Content.ReadFromJsonAsync<JsonObject>())!["id"]!);
        }

        var deadline = DateTime.UtcNow.AddSeconds(20);
        JsonObject list;
        do
        {
            await Task.Delay(200);
            list = (await api.GetFromJsonAsync<JsonObject>("/api/v1/messages?status=Sent"))!;
        }
        while ((int)list["total"]! < 3 && DateTime.UtcNow < deadline);
        await Task.Delay(1500);

        Assert.Equal(3, (int)(await api.GetFromJsonAsync<JsonObject>("/api/v1/messages?status=Sent"))!["total"]!);
        var waiting = (await api.GetFromJsonAsync<JsonObject>("/api/v1/messages?status=Queued"))!["items"]!.AsArray();
        Assert.Equal(2, waiting.Count);
        Assert.All(waiting, m => Assert.Empty(m!["attempts"]!.AsArray()));
    }

    [Theory]
    [InlineData("support-secret-2", "Copied")]
    [InlineData("wrong-imap-password", "Failed")]
    public async Task Send_FromAChannelWithCopyToSent_AppendsToItsImapFolder_OrRecordsWhyNot(string imapPassword, string outcome)
    {
        var server = await ServerAsync(("relay@acme.test", "relay-secret-4"));
        var created = await api.PostAsJsonAsync("/api/v1/channels", new
        {
            name = "Support", address = "support@acme.test", serverId = server, copyToSentFolder = "Sent",
            incoming = new { protocol = "Imap", host = MtaFixture.Host, port = mta.ImapPort, security = "None", username = "support@acme.test", password = imapPassword },
        });
        var channel = (int)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var recipient = MtaFixture.UniqueRecipient();

        var accepted = (await (await api.PostAsJsonAsync("/api/v1/messages", Message(channel, recipient))).Content.ReadFromJsonAsync<JsonObject>())!;
        var sent = await Eventually.SentCopyDoneAsync(api, (string)accepted["id"]!);

        Assert.Equal("Sent", (string?)sent["status"]);
        Assert.Equal(outcome, (string?)sent["sentCopy"]!["status"]);
        Assert.Equal(outcome == "Copied" ? null : "AuthFailed", (string?)sent["sentCopy"]!["diagnosticCode"]);
        Assert.Single(sent["attempts"]!.AsArray());
        await mta.DeliveredToAsync(recipient);
        Assert.Equal(1, mta.DeliveredCount(recipient));
        if (outcome == "Copied")
        {
            using var imap = new MailKit.Net.Imap.ImapClient();
            await imap.ConnectAsync(MtaFixture.Host, mta.ImapPort, MailKit.Security.SecureSocketOptions.None);
            await imap.AuthenticateAsync("support@acme.test", "support-secret-2");
            var folder = await imap.GetFolderAsync("Sent");
            await folder.OpenAsync(MailKit.FolderAccess.ReadOnly);
            var found = await folder.SearchAsync(MailKit.Search.SearchQuery.HeaderContains("Message-ID", (string)accepted["messageId"]!));
            Assert.Single(found);
        }
    }

    [Fact]
    public async Task Send_TemporaryRejection_IsRetriedWithTheSameMessageIdUntilAccepted()
    {
        var channel = await ChannelAsync("greylisted@brand.test", await ServerAsync(("relay@acme.test", "relay-secret-4"), null, "*@brand.test"));
        await mta.AnswerSenderAsync("greylisted@brand.test", "450 4.7.1 Greylisted, try again later");
        var recipient = MtaFixture.UniqueRecipient();
        string id;
        try
        {
            id = (string)(await (await api.PostAsJsonAsync("/api/v1/messages", Message(channel, recipient))).Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
            var retrying = await WaitForAsync(api, id, "Retrying", "Failed", "Sent");
            Assert.Equal("Retrying", (string?)retrying["status"]);
            Assert.Equal("TemporaryFailure", (string?)retrying["attempts"]![0]!["diagnosticCode"]);
            Assert.StartsWith("450", (string?)retrying["attempts"]![0]!["serverReply"]);
        }
        finally
        {
            await mta.AnswerSenderAsync("greylisted@brand.test", null);
        }

        var sent = await WaitForAsync(api, id, "Sent", "Failed");
        Assert.Equal("Sent", (string?)sent["status"]);
        Assert.True(sent["attempts"]!.AsArray().Count >= 2);
        Assert.Equal((string?)sent["messageId"], (await mta.DeliveredToAsync(recipient)).Message.MessageId);
        Assert.Equal(1, mta.DeliveredCount(recipient));
    }

    [Fact]
    public async Task Send_InvalidOrUnresolvable_IsRefusedAndNothingIsQueued()
    {
        var server = await ServerAsync(("relay@acme.test", "relay-secret-4"));
        var closed = await ChannelAsync("closed@acme.test", server, usableAsSender: false);
        await app.CreateUserAsync("agent-send@acme.test", Roles.Agent, "Agent-Pa55word!");
        var agent = await app.ApiClientAsync("agent-send@acme.test", "Agent-Pa55word!");

        var invalid = await api.PostAsJsonAsync("/api/v1/messages", new { from = new { channelId = closed }, to = new[] { "not an address" }, subject = "x" });
        var notPermitted = await agent.PostAsJsonAsync("/api/v1/messages", Message(closed, MtaFixture.UniqueRecipient()));
        var list = (await api.GetFromJsonAsync<JsonObject>("/api/v1/messages"))!;

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Contains("to", errors.Select(e => e.Key));
        Assert.Contains("text", errors.Select(e => e.Key));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notPermitted.StatusCode);
        Assert.Equal("NotPermitted", (string?)(await notPermitted.Content.ReadFromJsonAsync<JsonObject>())!["code"]);
        Assert.Equal(0, (int)list["total"]!);
    }

    [Fact]
    public async Task Messages_AgentsSeeOnlyTheirOwn()
    {
        var channel = await ChannelAsync("support@acme.test", await ServerAsync(("relay@acme.test", "relay-secret-4")));
        var accepted = (await (await api.PostAsJsonAsync("/api/v1/messages", Message(channel, MtaFixture.UniqueRecipient()))).Content.ReadFromJsonAsync<JsonObject>())!;
        await app.CreateUserAsync("nosy@acme.test", Roles.Agent, "Agent-Pa55word!");
        var nosy = await app.ApiClientAsync("nosy@acme.test", "Agent-Pa55word!");

        Assert.Equal(HttpStatusCode.NotFound, (await nosy.GetAsync($"/api/v1/messages/{accepted["id"]}")).StatusCode);
        Assert.Equal(0, (int)(await nosy.GetFromJsonAsync<JsonObject>("/api/v1/messages"))!["total"]!);
        Assert.Equal(1, (int)(await api.GetFromJsonAsync<JsonObject>($"/api/v1/messages?channelId={channel}"))!["total"]!);
    }
}
