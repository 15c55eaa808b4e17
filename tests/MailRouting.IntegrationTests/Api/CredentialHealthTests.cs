using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.IntegrationTests.Mta;
using MailRouting.IntegrationTests.OAuth;
using MailRouting.Users;

namespace MailRouting.IntegrationTests.Api;

/// <summary>
/// Credential health: warnings appear when the (jumping) clock reaches them, on the API, the home page and the server's
/// page, each naming who must act; sign-ins refused by the real Postfix and a mailbox the Graph stand-in keeps
/// limiting.
/// </summary>
[Collection(MtaGroup.Name)]
public sealed class CredentialHealthTests(MtaFixture mta) : OAuthAppTests(mta)
{

    [Fact]
    public async Task ClientSecret_IsWarned30DaysBefore_AndOnceExpired_OnTheApiTheHomePageAndItsServersPage()
    {
        var appId = await OAuth.AppAsync();
        var expires = DateOnly.FromDateTime(App.Clock.GetUtcNow().UtcDateTime).AddDays(60);
        var current = await Api.GetFromJsonAsync<JsonObject>($"/api/v1/oauth-apps/{appId}");
        current!["clientSecretExpiresOn"] = expires.ToString("yyyy-MM-dd");
        Assert.Equal(HttpStatusCode.OK, (await Api.PutAsJsonAsync($"/api/v1/oauth-apps/{appId}", current)).StatusCode);
        var server = await OAuth.GraphServerAsync(null, "support@acme.test", [], appId);

        var early = await WarningsAsync();
        App.Clock.Jump(TimeSpan.FromDays(35));
        var soon = Single(await WarningsAsync(), "SecretExpiring");
        using var browser = await App.BrowserAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        var home = WebUtility.HtmlDecode(await browser.GetStringAsync("/"));
        var serverPage = WebUtility.HtmlDecode(await browser.GetStringAsync($"/SmtpServers/Details/{server}"));
        App.Clock.Jump(TimeSpan.FromDays(30));
        var expired = Single(await WarningsAsync(), "SecretExpired");

        Assert.DoesNotContain(early, w => (string?)w!["problem"] is "SecretExpiring" or "SecretExpired");
        Assert.Contains($"expires on {expires:yyyy-MM-dd}, in 25 days", (string)soon["message"]!);
        Assert.Equal("An admin", (string?)soon["whoActs"]);
        Assert.Contains(server, soon["serverIds"]!.AsArray().Select(s => (int)s!));
        Assert.Contains($"expires on {expires:yyyy-MM-dd}", home);
        Assert.Contains("Credentials to look after", serverPage);
        Assert.Contains($"expired on {expires:yyyy-MM-dd}", (string)expired["message"]!);
    }

    [Fact]
    public async Task ConnectedMailbox_LeftUnused_IsWarnedBeforeTheProviderEndsIt()
    {
        var server = await OAuth.ServerAsync(MtaFixture.Relay.Login);
        await OAuth.ConnectAsync($"/api/v1/smtp-servers/{server}/oauth/connect", MtaFixture.Relay);

        var fresh = await WarningsAsync();
        App.Clock.Jump(TimeSpan.FromDays(166));
        var idle = Single(await WarningsAsync(), "ConnectionIdle");

        Assert.DoesNotContain(fresh, w => (string?)w!["problem"] == "ConnectionIdle");
        Assert.Contains("relay@acme.test", (string)idle["message"]!);
        Assert.Contains("after 180 days", (string)idle["message"]!);
        Assert.Contains("reconnect it on the server's page", (string)idle["fix"]!);
        Assert.Equal($"/SmtpServers/Details/{server}", (string?)idle["link"]);
    }

    [Fact]
    public async Task ConnectionOfAnAppInTestingStatus_IsWarnedBeforeItsSevenDaysEnd_HoweverMuchItIsUsed()
    {
        var appId = await OAuth.AppAsync();
        var app = await Api.GetFromJsonAsync<JsonObject>($"/api/v1/oauth-apps/{appId}");
        app!["connectionLifetimeDays"] = 7;
        Assert.Equal(HttpStatusCode.OK, (await Api.PutAsJsonAsync($"/api/v1/oauth-apps/{appId}", app)).StatusCode);
        var server = await OAuth.ServerAsync(MtaFixture.Relay.Login, appId);
        await OAuth.ConnectAsync($"/api/v1/smtp-servers/{server}/oauth/connect", MtaFixture.Relay);

        App.Clock.Jump(TimeSpan.FromDays(4));
        var early = await WarningsAsync();
        App.Clock.Jump(TimeSpan.FromDays(1));
        var expiring = Single(await WarningsAsync(), "ConnectionExpiring");
        app["connectionLifetimeDays"] = 0;
        var badInput = await (await App.ApiClientAsync()).PutAsJsonAsync($"/api/v1/oauth-apps/{appId}", app);

        Assert.DoesNotContain(early, w => (string?)w!["problem"] == "ConnectionExpiring");
        Assert.Contains("7 days after consent", (string)expiring["message"]!);
        Assert.Contains("publish the app", (string)expiring["fix"]!);
        Assert.Equal(HttpStatusCode.BadRequest, badInput.StatusCode);
    }

    [Fact]
    public async Task PasswordRefusedAtTheLastAttempt_IsWarned_NamingWhoMustAct()
    {
        var created = await Api.PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name = "Wrong password", host = MtaFixture.Host, port = Mta.SubmissionPort, security = "StartTls",
                authMethod = "Plain",
            username = MtaFixture.Sales.Login, password = "not-the-password",
                pinnedCertificateSha256 = Mta.CertificateSha256,
        });
        var server = (int)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var channel = await OAuth.ChannelAsync("sales@acme.test", server);
        var sent = await Api.PostAsJsonAsync("/api/v1/messages", new
        {
            from = new { channelId = channel }, to = new[] { MtaFixture.UniqueRecipient() }, subject = "x", text = "x",
        });
        await Eventually.MessageAsync(Api, (string)(await sent.Content.ReadFromJsonAsync<JsonObject>())!["id"]!,
            m => m["attempts"]!.AsArray().Count > 0);

        var refused = Single(await WarningsAsync(), "SignInRefused");

        Assert.Contains("sales@acme.test on Wrong password", (string)refused["message"]!);
        Assert.Contains("AuthFailed", (string)refused["message"]!);
        Assert.Contains("1 message waits", (string)refused["message"]!);
        Assert.Equal("An admin, on the server's page", (string?)refused["whoActs"]);
        Assert.Equal($"/SmtpServers/Edit/{server}", (string?)refused["link"]);
    }

    [Fact]
    public async Task MailboxTheProviderKeepsLimiting_IsWarned()
    {
        var server = await OAuth.GraphServerAsync(null, "sales@acme.test", []);
        var channel = await OAuth.ChannelAsync("sales@acme.test", server);
        Mta.Graph.ThrottleNext("sales@acme.test", 1000, TimeSpan.Zero);
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var sent = await Api.PostAsJsonAsync("/api/v1/messages", new
                {
                    from = new { channelId = channel }, to = new[] { MtaFixture.UniqueRecipient() }, subject = "x",
                        text = "x",
                });
                await Eventually.MessageAsync(Api, (string)(await sent.Content.ReadFromJsonAsync<JsonObject>())!["id"]!,
                    m => m["attempts"]!.AsArray().Count > 0);
            }

            // The messages are retried all along: the warning must not depend on catching them between retries.
            var throttled = Single(await WarningsAsync(), "Throttled");

            Assert.Contains("3 messages of sales@acme.test", (string)throttled["message"]!);
            Assert.Contains("RateLimited", (string)throttled["message"]!);
            Assert.Contains(server, throttled["serverIds"]!.AsArray().Select(s => (int)s!));
        }
        finally
        {
            Mta.Graph.ThrottleNext("sales@acme.test", 0, TimeSpan.Zero);
        }
    }

    [Fact]
    public async Task Support_Reads_Agents_AndStrangers_DoNot()
    {
        await App.CreateUserAsync("health-support@acme.test", Roles.Support, "Support-Pa55word!");
        await App.CreateUserAsync("health-agent@acme.test", Roles.Agent, "Agent-Pa55word!");
        var support = await App.ApiClientAsync("health-support@acme.test", "Support-Pa55word!");
        var agent = await App.ApiClientAsync("health-agent@acme.test", "Agent-Pa55word!");

        Assert.Equal(HttpStatusCode.OK, (await support.GetAsync("/api/v1/credential-health")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/v1/credential-health")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await agent.GetAsync("/api/v1/credential-health/events")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await support.GetAsync("/api/v1/credential-health/events?everySeconds=0")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await App.CreateClient().GetAsync("/api/v1/credential-health")).StatusCode);
    }

    /// <summary>
    /// A client that watches the event stream sees a client secret's warning Raised once its expiry comes near, and
    /// Cleared once the admin enters the new secret's later expiry.
    /// </summary>
    [Fact]
    public async Task Events_RaiseAWarningWhenItAppears_AndClearItWhenFixed()
    {
        var appId = await OAuth.AppAsync();
        await OAuth.GraphServerAsync(null, "support@acme.test", [], appId);
        using var response = await Api.GetAsync("/api/v1/credential-health/events?everySeconds=1",
            HttpCompletionOption.ResponseHeadersRead);
        using var events = new StreamReader(await response.Content.ReadAsStreamAsync());

        await SecretExpiresInAsync(appId, 10);
        var raised = await NextEventAsync(events, "SecretExpiring");
        await SecretExpiresInAsync(appId, 400);
        var cleared = await NextEventAsync(events, "SecretExpiring");

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Raised", (string?)raised["kind"]);
        Assert.Contains("in 10 days", (string?)raised["warning"]!["message"]);
        Assert.Equal(("Cleared", (string?)raised["key"]), ((string?)cleared["kind"], (string?)cleared["key"]));
    }

    private async Task SecretExpiresInAsync(int appId, int days)
    {
        var app = await Api.GetFromJsonAsync<JsonObject>($"/api/v1/oauth-apps/{appId}");
        app!["clientSecretExpiresOn"] = DateOnly.FromDateTime(App.Clock.GetUtcNow().UtcDateTime).AddDays(days)
            .ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.OK, (await Api.PutAsJsonAsync($"/api/v1/oauth-apps/{appId}", app)).StatusCode);
    }

    /// <summary>The next event about a warning of <paramref name="problem"/>, read within 20 seconds.</summary>
    private static async Task<JsonObject> NextEventAsync(StreamReader events, string problem)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (await events.ReadLineAsync(deadline.Token) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal)
                && JsonNode.Parse(line["data: ".Length..])!.AsObject() is var data
                && (string?)data["warning"]?["problem"] == problem)
            {
                return data;
            }
        }

        throw new InvalidOperationException("The event stream ended.");
    }

    /// <summary>Signs in anew each time: the clock's jumps outlast a bearer token.</summary>
    private async Task<JsonArray> WarningsAsync() =>
        (await (await App.ApiClientAsync()).GetFromJsonAsync<JsonArray>("/api/v1/credential-health"))!;

    private static JsonObject Single(JsonArray warnings, string problem)
    {
        var found = warnings.Where(w => (string?)w!["problem"] == problem).ToList();
        Assert.True(found.Count == 1, $"Expected one {problem} warning in {warnings.ToJsonString()}");
        return found[0]!.AsObject();
    }
}
