using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.IntegrationTests.Mta;

namespace MailRouting.IntegrationTests.Api;

/// <summary>The newcomer's path: add a server that points at a real MTA, test it, mistype the password, read the diagnostic.</summary>
[Collection(MtaGroup.Name)]
public sealed class SmtpServerTestEndpointTests(MtaFixture mta, AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<(HttpClient Api, string Url)> CreateMtaServerAsync(string name, string password)
    {
        var api = await app.ApiClientAsync();
        var response = await api.PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name,
            host = MtaFixture.Host,
            port = mta.SubmissionPort,
            security = "StartTls",
            authMethod = "Plain",
            username = MtaFixture.Agent.Login,
            password,
            senderName = "Agent Smith",
            pinnedCertificateSha256 = mta.CertificateSha256,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (api, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Test_WithRecipient_SendsAsTheLoginAndIsRemembered()
    {
        var (api, url) = await CreateMtaServerAsync("Real MTA", MtaFixture.Agent.Password);
        var recipient = MtaFixture.UniqueRecipient();

        var response = await api.PostAsJsonAsync($"{url}/test", new { recipient });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True((bool)report["success"]!, report.ToJsonString());
        Assert.Equal(["dns", "connect", "tls", "ehlo", "auth", "mail", "rcpt", "data"], report["stages"]!.AsArray().Select(s => (string?)s!["name"]));
        Assert.All(report["stages"]!.AsArray(), s => Assert.True(s!["durationMs"]!.GetValue<long>() >= 0));
        Assert.NotNull((string?)report["queueId"]);
        Assert.DoesNotContain(MtaFixture.Agent.Password, report.ToJsonString());

        var (message, returnPath) = await mta.DeliveredToAsync(recipient);
        Assert.Equal(MtaFixture.Agent.Login, message.From.Mailboxes.Single().Address);
        Assert.Equal("Agent Smith", message.From.Mailboxes.Single().Name);
        Assert.Equal(MtaFixture.Agent.Login, returnPath);

        var server = (await api.GetFromJsonAsync<JsonObject>(url))!;
        Assert.True((bool)server["lastTest"]!["success"]!);
        Assert.Equal(10240000, (long)server["advertisedMaxSize"]!);
    }

    [Fact]
    public async Task Test_MistypedPassword_ExplainsAuthFailedAndIsRemembered()
    {
        var (api, url) = await CreateMtaServerAsync("Mistyped", "agent-secret-typo");

        var report = (await (await api.PostAsJsonAsync($"{url}/test", new { })).Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.False((bool)report["success"]!);
        Assert.Equal("AuthFailed", (string?)report["diagnostic"]!["code"]);
        Assert.Contains("re-enter the password", (string?)report["diagnostic"]!["fix"]);
        Assert.DoesNotContain("agent-secret-typo", report.ToJsonString());
        var server = (await api.GetFromJsonAsync<JsonObject>(url))!;
        Assert.False((bool)server["lastTest"]!["success"]!);
        Assert.Equal("AuthFailed", (string?)server["lastTest"]!["code"]);
        Assert.DoesNotContain("agent-secret-typo", app.LogText());
    }

    [Fact]
    public async Task TestPage_ShowsTheStagesAndTheDiagnostic()
    {
        var (_, url) = await CreateMtaServerAsync("Page test", "wrong-on-purpose");
        var id = url.Split('/')[^1];
        var browser = await app.BrowserAsync();

        var response = await browser.PostFormAsync($"/SmtpServers/Details/{id}?handler=Test", new() { ["Recipient"] = "" }, formPage: $"/SmtpServers/Details/{id}");

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Test result: <span class=\"fail\">Failed</span>", html);
        Assert.Contains("AuthFailed</strong>: The server rejected the username or password.", html);
        Assert.Contains("How to fix it:", html);
        Assert.Contains("S: 535 5.7.8 Error: authentication failed", html);
        Assert.DoesNotContain("wrong-on-purpose", html);
    }

    [Fact]
    public async Task Test_UnknownServer_Is404()
    {
        var api = await app.ApiClientAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync("/api/v1/smtp-servers/424242/test", new { })).StatusCode);
    }

    [Fact]
    public async Task Test_InvalidRecipient_Is400()
    {
        var (api, url) = await CreateMtaServerAsync("Bad recipient", MtaFixture.Agent.Password);

        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsJsonAsync($"{url}/test", new { recipient = "not an address" })).StatusCode);
    }
}
