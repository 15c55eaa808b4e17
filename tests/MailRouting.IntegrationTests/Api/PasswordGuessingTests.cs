using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.IntegrationTests.Mta;
using MailRouting.IntegrationTests.OAuth;

namespace MailRouting.IntegrationTests.Api;

/// <summary>
/// An agent cannot use the app to guess a mailbox's password: they sign in only as themselves, a few times in a while,
/// and admins see repeated refusals. Tried against the harness Postfix and Dovecot.
/// </summary>
[Collection(MtaGroup.Name)]
public sealed class PasswordGuessingTests(MtaFixture mta) : IAsyncLifetime
{
    private const string AgentPassword = "Agent-Pa55word!";
    private readonly AppFactory app = AppFactory.With(new Dictionary<string, string>
    {
        ["Mail:UserMailboxes:AllowedHosts:0"] = $"{MtaFixture.Host}:{mta.ImapPort}",
    });

    public Task InitializeAsync() => app.InitializeAsync();

    public Task DisposeAsync() => app.DisposeAsync();

    private async Task<(HttpClient Admin, HttpClient Agent, string Id)> AgentWithOwnLoginAsync()
    {
        var admin = await app.ApiClientAsync();
        var server = await admin.PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name = "Postfix", host = MtaFixture.Host, port = mta.SubmissionPort, security = "StartTls", authMethod = "Plain",
            username = MtaFixture.Relay.Login, password = MtaFixture.Relay.Password, pinnedCertificateSha256 = mta.CertificateSha256, timeoutSeconds = 5,
        });
        var serverId = (int)(await server.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var created = await admin.PostAsJsonAsync("/api/v1/users", new { email = MtaFixture.Agent.Login, displayName = "Jane Agent", role = "Agent", password = AgentPassword });
        var id = (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/users/{id}", new { serverId, overrideCredentials = true })).StatusCode);
        return (admin, await app.ApiClientAsync(MtaFixture.Agent.Login, AgentPassword), id);
    }

    private static async Task<string> FirstErrorAsync(HttpResponseMessage response) =>
        (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().First().Value![0]!;

    [Theory]
    [InlineData("support@acme.test")]
    [InlineData("SUPPORT@acme.test.")]
    [InlineData("relay@acme.test")]
    public async Task SmtpPassword_ForALoginThatIsNotTheAgentsOwn_IsRefusedBeforeAnythingIsTried(string login)
    {
        var (admin, agent, id) = await AgentWithOwnLoginAsync();
        var sessionsBefore = mta.SessionCount();

        var response = await agent.PutAsJsonAsync("/api/v1/me/smtp-password", new { username = login, password = MtaFixture.Support.Password });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("You can only sign in as your own address, agent@acme.test.", await FirstErrorAsync(response), StringComparison.Ordinal);
        Assert.False((bool)(await admin.GetFromJsonAsync<JsonObject>($"/api/v1/users/{id}"))!["hasSmtpPassword"]!);
        Assert.Equal(sessionsBefore, mta.SessionCount());
    }

    [Fact]
    public async Task SmtpPassword_TheAgentsOwnAddressWrittenOtherwise_IsTheirs()
    {
        var (_, agent, _) = await AgentWithOwnLoginAsync();

        var response = await agent.PutAsJsonAsync("/api/v1/me/smtp-password", new { username = "Agent@ACME.test.", password = MtaFixture.Agent.Password });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task SentCopy_WithAnotherMailboxsLogin_IsRefused()
    {
        var (_, agent, _) = await AgentWithOwnLoginAsync();

        var response = await agent.PutAsJsonAsync("/api/v1/me/sent-copy", new
        {
            host = MtaFixture.Host, port = mta.ImapPort, security = "None", username = MtaFixture.Support.Login, password = MtaFixture.Support.Password, folder = "Sent",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("username", (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key));
        Assert.Null((await agent.GetFromJsonAsync<JsonObject>("/api/v1/me"))!["user"]!["sentCopy"]);
    }

    [Fact]
    public async Task WrongPasswords_AreTriedAFewTimes_ThenRefusedWithATime_AndAdminsAreTold()
    {
        var (_, agent, _) = await AgentWithOwnLoginAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await agent.PutAsJsonAsync("/api/v1/me/smtp-password", new { password = MtaFixture.Agent.Password })).StatusCode);
        var answers = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var response = await agent.PutAsJsonAsync("/api/v1/me/smtp-password", new { password = $"guess-{i}" });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            answers.Add(await FirstErrorAsync(response));
        }

        var test = await agent.PostAsJsonAsync("/api/v1/me/test", new { });
        var home = WebUtility.HtmlDecode(await (await app.BrowserAsync()).GetStringAsync("/"));

        Assert.All(answers.Take(4), a => Assert.StartsWith("Not saved:", a, StringComparison.Ordinal));
        Assert.Matches(@"^Too many sign-in attempts: at most 5 in 10 minutes\. Try again after \d\d:\d\d UTC\.$", answers[4]);
        Assert.Equal(HttpStatusCode.TooManyRequests, test.StatusCode);
        Assert.Contains("Try again after", (await test.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.ToString(), StringComparison.Ordinal);
        Assert.Contains("refused 4 sign-ins that agent@acme.test tried from their Profile", home);
    }

    [Fact]
    public async Task SmtpPassword_ForAServerThatSignsInWithOAuth2_IsRefused()
    {
        var oauth = await OAuthScenario.StartAsync(app, mta);
        var server = await oauth.ServerAsync(MtaFixture.Relay.Login);
        await oauth.AgentWithOwnLoginAsync(MtaFixture.Agent.Login, AgentPassword, server);
        var agent = await app.ApiClientAsync(MtaFixture.Agent.Login, AgentPassword);

        var response = await agent.PutAsJsonAsync("/api/v1/me/smtp-password", new { password = "made-up" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("signs in with OAuth2, not with a password", await FirstErrorAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Support_StoresNoMailSettings_ThroughTheApiOrProfile()
    {
        await app.CreateUserAsync("support-staff@acme.test", "Support", AgentPassword);
        var api = await app.ApiClientAsync("support-staff@acme.test", AgentPassword);
        var browser = await app.BrowserAsync("support-staff@acme.test", AgentPassword);

        var password = await api.PutAsJsonAsync("/api/v1/me/smtp-password", new { password = "x" });
        var sentCopy = await api.PutAsJsonAsync("/api/v1/me/sent-copy", new { host = MtaFixture.Host, security = "None", username = "support-staff@acme.test", password = "x", folder = "Sent" });
        var page = await browser.PostFormAsync("/Profile?handler=Password", new() { ["SmtpUsername"] = "", ["Password"] = "x" }, formPage: "/Profile");
        var contact = await browser.PostFormAsync("/Profile?handler=Contact", new() { ["Contact.Phone"] = "+1 555 0100" }, formPage: "/Profile");

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (password.StatusCode, sentCopy.StatusCode));
        Assert.StartsWith("/Account/AccessDenied", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, contact.StatusCode);
    }
}
