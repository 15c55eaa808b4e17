using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.IntegrationTests.Mta;

namespace MailRouting.IntegrationTests.Pages;

/// <summary>
/// A server's settings tested from the add and edit forms before they are saved, against Postfix; and with
/// Mail:RequireTestBeforeSave, settings whose test fails are not saved at all.
/// </summary>
[Collection(MtaGroup.Name)]
public sealed class TestBeforeSaveTests(MtaFixture mta) : IAsyncLifetime
{
    private readonly AppFactory app = AppFactory.With(new Dictionary<string, string> { ["Mail:RequireTestBeforeSave"] = "true" });

    public Task InitializeAsync() => app.InitializeAsync();

    public Task DisposeAsync() => app.DisposeAsync();

    private Dictionary<string, string> Form(string name, string password) => new()
    {
        ["Input.Name"] = name, ["Input.Host"] = MtaFixture.Host, ["Input.Port"] = $"{mta.SubmissionPort}", ["Input.Security"] = "StartTls",
        ["Input.AuthMethod"] = "Plain", ["Input.Username"] = MtaFixture.Relay.Login, ["Input.Password"] = password,
        ["Input.PinnedCertificateSha256"] = mta.CertificateSha256, ["Input.TimeoutSeconds"] = "5", ["SendAsText"] = "", ["TestRecipient"] = "",
    };

    private async Task<int> CountAsync() => (await (await app.ApiClientAsync()).GetFromJsonAsync<JsonArray>("/api/v1/smtp-servers"))!.Count;

    [Fact]
    public async Task TestingTheAddForm_ShowsTheResult_AndSavesNothing()
    {
        var browser = await app.BrowserAsync();
        var before = await CountAsync();

        var good = WebUtility.HtmlDecode(await (await browser.PostFormAsync("/SmtpServers/Edit?handler=Test", Form("Tested relay", MtaFixture.Relay.Password), "/SmtpServers/Edit")).Content.ReadAsStringAsync());
        var bad = WebUtility.HtmlDecode(await (await browser.PostFormAsync("/SmtpServers/Edit?handler=Test", Form("Tested relay", "wrong-password"), "/SmtpServers/Edit")).Content.ReadAsStringAsync());

        Assert.Contains("Test result: <span class=\"ok\">Success</span>", good);
        Assert.Contains("value=\"Tested relay\"", good);
        Assert.Contains("Test result: <span class=\"fail\">Failed</span>", bad);
        Assert.Contains("AuthFailed", bad);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task SavingTestedSettings_KeepsTheTestAsTheServersLastTest_ButNotForOtherSettings()
    {
        var browser = await app.BrowserAsync();
        var form = Form("Kept test", MtaFixture.Relay.Password);

        var tested = WebUtility.HtmlDecode(await (await browser.PostFormAsync("/SmtpServers/Edit?handler=Test", new(form), "/SmtpServers/Edit")).Content.ReadAsStringAsync());
        var token = System.Text.RegularExpressions.Regex.Match(tested, "name=\"Tested\" value=\"([^\"]+)\"").Groups[1].Value;
        var formTag = System.Text.RegularExpressions.Regex.Match(tested, "<form [^>]*id=\"server-form\"[^>]*>").Value;
        await browser.PostFormAsync("/SmtpServers/Edit", new(form) { ["Tested"] = token }, "/SmtpServers/Edit");
        await browser.PostFormAsync("/SmtpServers/Edit", new(Form("Changed after test", MtaFixture.Relay.Password)) { ["Input.TimeoutSeconds"] = "6", ["Tested"] = token },
            "/SmtpServers/Edit");
        await browser.PostFormAsync("/SmtpServers/Edit", new(Form("Forged test", MtaFixture.Relay.Password)) { ["Tested"] = token[..^4] + "AAAA" }, "/SmtpServers/Edit");

        var servers = (await (await app.ApiClientAsync()).GetFromJsonAsync<JsonArray>("/api/v1/smtp-servers"))!.Select(s => s!.AsObject()).ToList();
        JsonNode? LastTest(string name) => servers.Single(s => (string?)s["name"] == name)["lastTest"];
        Assert.NotEmpty(token);
        Assert.Contains("action=\"/SmtpServers/Edit\"", formTag);
        Assert.True((bool)LastTest("Kept test")!["success"]!);
        Assert.Null(LastTest("Changed after test"));
        Assert.Null(LastTest("Forged test"));
    }

    [Fact]
    public async Task TestingTheEditForm_WithAnEmptyPassword_UsesTheStoredOne()
    {
        var admin = await app.ApiClientAsync();
        var created = await admin.PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name = "Stored relay", host = MtaFixture.Host, port = mta.SubmissionPort, security = "StartTls", authMethod = "Plain",
            username = MtaFixture.Relay.Login, password = MtaFixture.Relay.Password, pinnedCertificateSha256 = mta.CertificateSha256, timeoutSeconds = 5,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (int)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var browser = await app.BrowserAsync();

        var tested = WebUtility.HtmlDecode(await (await browser.PostFormAsync($"/SmtpServers/Edit/{id}?handler=Test", Form("Stored relay", ""), $"/SmtpServers/Edit/{id}")).Content.ReadAsStringAsync());

        Assert.Contains("Test result: <span class=\"ok\">Success</span>", tested);
        Assert.DoesNotContain(MtaFixture.Relay.Password, tested);
    }

    [Fact]
    public async Task WithRequireTestBeforeSave_FailingSettingsAreNotSaved_OnThePageOrTheApi()
    {
        var browser = await app.BrowserAsync();
        var admin = await app.ApiClientAsync();
        var before = await CountAsync();

        var page = await browser.PostFormAsync("/SmtpServers/Edit", Form("Must pass", "wrong-password"), "/SmtpServers/Edit");
        var api = await admin.PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name = "Must pass too", host = MtaFixture.Host, port = mta.SubmissionPort, security = "StartTls", authMethod = "Plain",
            username = MtaFixture.Relay.Login, password = "wrong-password", pinnedCertificateSha256 = mta.CertificateSha256, timeoutSeconds = 5,
        });
        var countAfterFailures = await CountAsync();
        var passing = await browser.PostFormAsync("/SmtpServers/Edit", Form("Must pass", MtaFixture.Relay.Password), "/SmtpServers/Edit");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Not saved: these settings must pass a test first (Mail:RequireTestBeforeSave), and the test failed with AuthFailed",
            WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.NotNull((await api.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["test"]);
        Assert.Equal(before, countAfterFailures);
        Assert.Equal(HttpStatusCode.Redirect, passing.StatusCode);
        Assert.Equal(before + 1, await CountAsync());
    }
}
