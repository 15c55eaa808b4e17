using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.IntegrationTests.Data;
using MailRouting.IntegrationTests.Mta;
using MailRouting.IntegrationTests.OAuth;
using MailRouting.TestAuthServer;

namespace MailRouting.IntegrationTests.Api;

/// <summary>
/// OAuth2 end to end: an OAuth app for the test authorization server (OpenIddict), a server that signs in with OAuth2,
/// the consent at the provider, and mail through Postfix, whose Dovecot checks each token by introspection.
/// </summary>
[Collection(MtaGroup.Name)]
public sealed class OAuthSendTests(MtaFixture mta) : OAuthAppTests(mta)
{

    [Fact]
    public async Task ConnectServer_ThroughTheConsentPage_ThenSend_SignsInWithXoauth2AsTheConsentedAccount()
    {
        var server = await OAuth.ServerAsync(MtaFixture.Relay.Login);
        var channel = await OAuth.ChannelAsync("relay@acme.test", server);
        var exchanges = Mta.Authorization.TokenRequests.CodeExchanges;

        var outcome = await OAuth.ConnectAsync($"/api/v1/smtp-servers/{server}/oauth/connect", MtaFixture.Relay);
        var shown = (await Api.GetFromJsonAsync<JsonObject>($"/api/v1/smtp-servers/{server}"))!["oauth"]!;
        var recipient = MtaFixture.UniqueRecipient();
        var accepted = await Api.PostAsJsonAsync("/api/v1/messages", Message(channel, recipient));
        var sent = await Eventually.MessageAsync(Api,
            (string)(await accepted.Content.ReadFromJsonAsync<JsonObject>())!["id"]!, m =>
                (string?)m["status"] is "Sent" or "Failed");

        Assert.Contains("Connected relay@acme.test", outcome);
        Assert.Equal(exchanges + 1, Mta.Authorization.TokenRequests.CodeExchanges);
        Assert.Equal("Connected", (string?)shown["status"]);
        Assert.Equal("relay@acme.test", (string?)shown["account"]);
        Assert.Equal("Sent", (string?)sent["status"]);
        var (message, returnPath) = await Mta.DeliveredToAsync(recipient);
        Assert.Equal("relay@acme.test", message.From.Mailboxes.Single().Address);
        Assert.Equal("relay@acme.test", returnPath);
        Assert.Contains(File.ReadLines(Mta.MailLog), line =>
                line.Contains("sasl_method=XOAUTH2",
                    StringComparison.Ordinal) && line.Contains("sasl_username=relay@acme.test",
                        StringComparison.Ordinal));
    }

    [Fact]
    public async Task Callback_OpenedAgain_RedeemsTheCodeOnce_AndShowsTheRealStatus()
    {
        var server = await OAuth.ServerAsync(MtaFixture.Relay.Login);
        var channel = await OAuth.ChannelAsync("relay@acme.test", server);
        var exchanges = Mta.Authorization.TokenRequests.CodeExchanges;

        var (first, reloaded) = await OAuth.ConnectAndReloadAsync($"/api/v1/smtp-servers/{server}/oauth/connect",
            MtaFixture.Relay);
        var shown = (await Api.GetFromJsonAsync<JsonObject>($"/api/v1/smtp-servers/{server}"))!["oauth"]!;
        var accepted = await Api.PostAsJsonAsync("/api/v1/messages", Message(channel, MtaFixture.UniqueRecipient()));
        var sent = await Eventually.MessageAsync(Api,
            (string)(await accepted.Content.ReadFromJsonAsync<JsonObject>())!["id"]!, m =>
                (string?)m["status"] is "Sent" or "Failed");

        Assert.Contains("Connected relay@acme.test", first);
        Assert.Equal("This connection was already completed: relay@acme.test is connected.", reloaded);
        Assert.Equal(exchanges + 1, Mta.Authorization.TokenRequests.CodeExchanges);
        Assert.Equal("Connected", (string?)shown["status"]);
        Assert.Equal("Sent", (string?)sent["status"]);
    }

    [Fact]
    public async Task Test_OfAnOAuthServer_ShowsTheTokenStage_AndRedactsTheXoauth2Payload()
    {
        var server = await OAuth.ServerAsync(MtaFixture.Relay.Login);
        var before = (await (await Api.PostAsJsonAsync($"/api/v1/smtp-servers/{server}/test",
            new { })).Content.ReadFromJsonAsync<JsonObject>())!;
        await OAuth.ConnectAsync($"/api/v1/smtp-servers/{server}/oauth/connect", MtaFixture.Relay);

        var report = (await (await Api.PostAsJsonAsync($"/api/v1/smtp-servers/{server}/test",
            new { })).Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal("OAuthNotConnected", (string?)before["diagnostic"]!["code"]);
        Assert.True((bool)report["success"]!, report.ToJsonString());
        var token = report["stages"]![0]!;
        Assert.Equal("token", (string?)token["name"]);
        Assert.Contains("valid until", (string?)token["detail"]);
        var transcript = (string)report["transcript"]!;
        Assert.Contains("AUTH XOAUTH2 ********", transcript);
        Assert.DoesNotContain("auth=Bearer", transcript);
        Assert.DoesNotContain(Convert.ToBase64String("user=relay@acme.test"u8.ToArray())[..16], transcript);
    }

    [Fact]
    public async Task Connect_AsAnotherAccount_IsRefusedWithBothNames_AndStoresNothing()
    {
        var server = await OAuth.ServerAsync(MtaFixture.Relay.Login);

        var outcome = await OAuth.ConnectAsync($"/api/v1/smtp-servers/{server}/oauth/connect", MtaFixture.Sales);

        Assert.Contains("You signed in as sales@acme.test, but the server", outcome);
        Assert.Contains("signs in as relay@acme.test", outcome);
        Assert.Equal("NotConnected",
            (string?)(await Api.GetFromJsonAsync<JsonObject>($"/api/v1/smtp-servers/{server}"))!["oauth"]!["status"]);
    }

    [Fact]
    public async Task ChannelWithItsOwnLogin_AndAgent_ConnectTheirMailboxes_AndSendAsThemselves()
    {
        var server = await OAuth.ServerAsync(MtaFixture.Relay.Login);
        var channel = await OAuth.ChannelAsync("support@acme.test", server, ownLogin: true);
        var userId = await OAuth.AgentWithOwnLoginAsync("agent@acme.test", "Agent-Pa55word!", server);
        var agent = await App.ApiClientAsync("agent@acme.test", "Agent-Pa55word!");
        var beforeConnecting = await agent.PostAsJsonAsync("/api/v1/messages", new { from = new { userId }, to = new[] { MtaFixture.UniqueRecipient() }, subject = "x", text = "x" });

        Assert.Contains("Connected support@acme.test",
            await OAuth.ConnectAsync($"/api/v1/channels/{channel}/oauth/connect", MtaFixture.Support));
        Assert.Contains("Connected agent@acme.test", await OAuth.ConnectAsync("/api/v1/me/oauth/connect",
            MtaFixture.Agent, agent, ("agent@acme.test", "Agent-Pa55word!")));
        var toChannel = MtaFixture.UniqueRecipient();
        var toAgent = MtaFixture.UniqueRecipient();
        await SentAsync(Api, await Api.PostAsJsonAsync("/api/v1/messages", Message(channel, toChannel)));
        await SentAsync(agent, await agent.PostAsJsonAsync("/api/v1/messages", new { from = new { userId }, to = new[] { toAgent }, subject = "Hi", text = "From me." }));

        Assert.Equal("Connected",
            (string?)(await Api.GetFromJsonAsync<JsonObject>($"/api/v1/channels/{channel}"))!["oauth"]!["status"]);
        Assert.Equal("agent@acme.test",
            (string?)(await Api.GetFromJsonAsync<JsonObject>($"/api/v1/users/{userId}"))!["oauth"]!["account"]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, beforeConnecting.StatusCode);
        Assert.Contains("not connected", (string?)(await beforeConnecting.Content.ReadFromJsonAsync<JsonObject>())!["detail"]);
        foreach (var (recipient, account) in new[] { (toChannel, "support@acme.test"), (toAgent, "agent@acme.test") })
        {
            var (message, returnPath) = await Mta.DeliveredToAsync(recipient);
            Assert.Equal(account, message.From.Mailboxes.Single().Address);
            Assert.Equal(account, returnPath);
            Assert.Contains(File.ReadLines(Mta.MailLog), line =>
                    line.Contains("sasl_method=XOAUTH2",
                        StringComparison.Ordinal) && line.Contains($"sasl_username={account}",
                            StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task ExpiringAccessToken_IsRefreshedOnce_ForManyMessages()
    {
        // Tokens live an hour at the test provider; refreshing 3590 s early makes a new one "expire" after 10 s of the app's clock.
        await using var early = AppFactory.With(new Dictionary<string, string> { ["OAuth:RefreshBeforeExpirySeconds"] = "3590" });
        await early.InitializeAsync();
        var (client, _, channel) = await ConnectedRelayAsync(early);
        var refreshes = Mta.Authorization.TokenRequests.Refreshes;

        await SendManyAsync(client, channel, 5);
        var whileFresh = Mta.Authorization.TokenRequests.Refreshes - refreshes;
        early.Clock.Jump(TimeSpan.FromSeconds(11));
        await SendManyAsync(client, channel, 10);

        Assert.Equal(0, whileFresh);
        Assert.Equal(1, Mta.Authorization.TokenRequests.Refreshes - refreshes);
    }

    [Fact]
    public async Task Revoked_HoldsMessagesWithTheReconnectDiagnostic_AndReconnecting_DeliversEachOnce()
    {
        var server = await OAuth.ServerAsync(MtaFixture.Sales.Login);
        var channel = await OAuth.ChannelAsync("sales@acme.test", server);
        await OAuth.ConnectAsync($"/api/v1/smtp-servers/{server}/oauth/connect", MtaFixture.Sales);
        await Mta.Authorization.RevokeAsync(MtaFixture.Sales.Login);
        var recipients = new[] { MtaFixture.UniqueRecipient(), MtaFixture.UniqueRecipient() };
        var ids = new List<string>();
        foreach (var recipient in recipients)
        {
            ids.Add((string)(await (await Api.PostAsJsonAsync("/api/v1/messages", Message(channel,
                recipient))).Content.ReadFromJsonAsync<JsonObject>())!["id"]!);
        }

        var held = await Eventually.MessageAsync(Api, ids[0], m => m["attempts"]!.AsArray().Any(a =>
                    (string?)a!["diagnosticCode"] == "OAuthReconnectNeeded"));
        var shown = (await Api.GetFromJsonAsync<JsonObject>($"/api/v1/smtp-servers/{server}"))!["oauth"]!;
        Assert.Equal("Retrying", (string?)held["status"]);
        Assert.Contains("reconnect", (string?)held["attempts"]!.AsArray().Last()!["diagnostic"], StringComparison.OrdinalIgnoreCase);
        Assert.Equal("ReconnectNeeded", (string?)shown["status"]);
        Assert.Contains("invalid_grant", (string?)shown["problem"]);

        await OAuth.ConnectAsync($"/api/v1/smtp-servers/{server}/oauth/connect", MtaFixture.Sales);
        foreach (var id in ids)
        {
            Assert.Equal("Sent", (string?)(await Eventually.MessageAsync(Api, id, m =>
                            (string?)m["status"] is "Sent" or "Failed"))["status"]);
        }

        await Task.Delay(500);
        Assert.All(recipients, r => Assert.Equal(1, Mta.DeliveredCount(r)));
    }

    [Fact]
    public async Task RotatedRefreshToken_SurvivesAnAppRestart()
    {
        // Refreshing 3600 s early makes every pass refresh, and the provider refuses a refresh token used twice.
        var folder = Directory.CreateTempSubdirectory("mailrouting-restart-").FullName;
        var settings = new Dictionary<string, string>(TestDatabase.SettingsFor(folder, "shared")) { ["OAuth:RefreshBeforeExpirySeconds"] = "3600" };
        try
        {
            int channel;
            var refreshes = Mta.Authorization.TokenRequests.Refreshes;
            await using (var first = AppFactory.With(settings))
            {
                await first.InitializeAsync();
                (var client, _, channel) = await ConnectedRelayAsync(first);
                await SendManyAsync(client, channel, 1);
            }

            await using var second = AppFactory.With(settings);
            await second.InitializeAsync();
            await SendManyAsync(await second.ApiClientAsync(), channel, 1);

            Assert.Equal(2, Mta.Authorization.TokenRequests.Refreshes - refreshes);
        }
        finally
        {
            TestDatabase.Drop(folder);
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Tokens_AndTheClientSecret_AppearNowhereInPlainText()
    {
        await using var refreshing = AppFactory.With(new Dictionary<string, string> { ["OAuth:RefreshBeforeExpirySeconds"] = "3600" });
        await refreshing.InitializeAsync();
        var (client, server, channel) = await ConnectedRelayAsync(refreshing);
        await SendManyAsync(client, channel, 2);
        var test = await (await client.PostAsJsonAsync($"/api/v1/smtp-servers/{server}/test", new { })).Content.ReadAsStringAsync();

        var browser = await refreshing.BrowserAsync();
        var shown = string.Join("\n", test,
            await client.GetStringAsync($"/api/v1/smtp-servers/{server}"), await client.GetStringAsync("/api/v1/oauth-apps"),
            await client.GetStringAsync("/api/v1/messages"), await browser.GetStringAsync($"/SmtpServers/Details/{server}"),
            await browser.GetStringAsync($"/SmtpServers/Edit/{server}"), await browser.GetStringAsync("/Messages"));
        var stored = TestDatabase.StoredText(refreshing.Folder);

        var secrets = Mta.Authorization.IssuedTokens.Append(TestAuthorizationServer.ClientSecret).ToList();
        Assert.True(secrets.Count >= 4, "The provider issued no tokens");
        Assert.Contains("Connected", shown);
        Assert.All(secrets, secret =>
        {
            Assert.DoesNotContain(secret, shown, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, stored, StringComparison.Ordinal);
        });
    }

    /// <summary>On an app of its own (other settings): a server connected as relay@ and a channel that sends through it.</summary>
    private async Task<(HttpClient Client, int Server, int Channel)> ConnectedRelayAsync(AppFactory host)
    {
        var scenario = await OAuthScenario.StartAsync(host, Mta);
        var server = await scenario.ServerAsync(MtaFixture.Relay.Login);
        var channel = await scenario.ChannelAsync("relay@acme.test", server);
        await scenario.ConnectAsync($"/api/v1/smtp-servers/{server}/oauth/connect", MtaFixture.Relay);
        return (scenario.Admin, server, channel);
    }

    private static async Task SendManyAsync(HttpClient client, int channel, int count)
    {
        var sends = new List<HttpResponseMessage>();
        for (var i = 0; i < count; i++)
        {
            sends.Add(await client.PostAsJsonAsync("/api/v1/messages", Message(channel, MtaFixture.UniqueRecipient())));
        }

        foreach (var send in sends)
        {
            await SentAsync(client, send);
        }
    }

    private static async Task SentAsync(HttpClient client, HttpResponseMessage accepted)
    {
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var id = (string)(await accepted.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var message = await Eventually.MessageAsync(client, id, m => (string?)m["status"] is "Sent" or "Failed");
        Assert.True((string?)message["status"] == "Sent", message.ToJsonString());
    }

    private static object Message(int channelId, string recipient) => new
    {
        from = new { channelId }, to = new[] { recipient }, subject = "OAuth2", text = "Signed in with a token.",
    };
}
