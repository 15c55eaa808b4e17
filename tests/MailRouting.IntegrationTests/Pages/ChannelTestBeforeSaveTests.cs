using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.IntegrationTests.Mta;

namespace MailRouting.IntegrationTests.Pages;

/// <summary>
/// A channel's settings tested from its add and edit forms before they are saved, as a send with them would go, against
/// Postfix; with Mail:RequireTestBeforeSave, an own login whose test fails is not saved, on the page or the API.
/// </summary>
[Collection(MtaGroup.Name)]
public sealed class ChannelTestBeforeSaveTests(MtaFixture mta) : IAsyncLifetime
{
    private readonly AppFactory app = AppFactory.With(new Dictionary<string, string> { ["Mail:RequireTestBeforeSave"] = "true" });
    private int serverId;

    public async Task InitializeAsync()
    {
        await app.InitializeAsync();
        var created = await (await app.ApiClientAsync()).PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name = "Channel relay", host = MtaFixture.Host, port = mta.SubmissionPort, security = "StartTls", authMethod = "Plain",
            username = MtaFixture.Relay.Login, password = MtaFixture.Relay.Password, pinnedCertificateSha256 = mta.CertificateSha256, timeoutSeconds = 5,
            sendAs = new[] { "*@acme.test" },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        serverId = (int)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    public Task DisposeAsync() => app.DisposeAsync();

    private Dictionary<string, string> Form(string password, string recipient = "") => new()
    {
        ["Input.Name"] = "Sales", ["Input.Address"] = MtaFixture.Sales.Login, ["Input.IsActive"] = "true", ["Input.ServerId"] = $"{serverId}",
        ["Input.OverrideCredentials"] = "true", ["Input.Password"] = password, ["Input.UsableAsSender"] = "true",
        ["Input.Incoming.Protocol"] = "None", ["TestRecipient"] = recipient,
    };

    private async Task<int> CountAsync() => (int)(await (await app.ApiClientAsync()).GetFromJsonAsync<JsonObject>("/api/v1/channels"))!["total"]!;

    [Fact]
    public async Task TestingTheAddForm_SendsAsTheChannel_ShowsTheResult_AndSavesNothing()
    {
        var browser = await app.BrowserAsync();
        var recipient = MtaFixture.UniqueRecipient();
        var before = await CountAsync();

        var good = WebUtility.HtmlDecode(await (await browser.PostFormAsync("/Channels/Edit?handler=Test", Form(MtaFixture.Sales.Password, recipient), "/Channels/Edit")).Content.ReadAsStringAsync());
        var bad = WebUtility.HtmlDecode(await (await browser.PostFormAsync("/Channels/Edit?handler=Test", Form("wrong-password"), "/Channels/Edit")).Content.ReadAsStringAsync());

        Assert.Contains("Test result: <span class=\"ok\">Success</span>", good);
        Assert.Contains($"signed in as {MtaFixture.Sales.Login}", good);
        Assert.Equal(MtaFixture.Sales.Login, (await mta.DeliveredToAsync(recipient)).Message.From.Mailboxes.Single().Address);
        Assert.Contains("Test result: <span class=\"fail\">Failed</span>", bad);
        Assert.Contains("AuthFailed", bad);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task WithRequireTestBeforeSave_AnOwnLoginThatFails_IsNotSaved_AndWithTheRightPasswordItIs_AndItsEditFormTestsTheStoredOne()
    {
        var browser = await app.BrowserAsync();
        var before = await CountAsync();

        var refused = await browser.PostFormAsync("/Channels/Edit", Form("wrong-password"), "/Channels/Edit");
        var api = await (await app.ApiClientAsync()).PostAsJsonAsync("/api/v1/channels", new
        {
            name = "Sales", address = MtaFixture.Sales.Login, isActive = true, serverId, overrideCredentials = true, password = "wrong-password",
        });
        var countAfterFailures = await CountAsync();
        var saved = await browser.PostFormAsync("/Channels/Edit", Form(MtaFixture.Sales.Password), "/Channels/Edit");
        var id = saved.Headers.Location!.ToString().Split('/')[^1];
        var storedTest = WebUtility.HtmlDecode(await (await browser.PostFormAsync($"/Channels/Edit/{id}?handler=Test", Form(""), $"/Channels/Edit/{id}")).Content.ReadAsStringAsync());

        Assert.Contains("Not saved: these settings must pass a test first (Mail:RequireTestBeforeSave), and the test failed with AuthFailed",
            WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.NotNull((await api.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["test"]);
        Assert.Equal(before, countAfterFailures);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(before + 1, await CountAsync());
        Assert.Contains("Test result: <span class=\"ok\">Success</span>", storedTest);
        Assert.DoesNotContain(MtaFixture.Sales.Password, storedTest);
    }
}
