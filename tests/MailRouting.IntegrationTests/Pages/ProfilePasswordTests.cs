using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.IntegrationTests.Mta;

namespace MailRouting.IntegrationTests.Pages;

/// <summary>An agent's own SMTP password is tried at Postfix when saved on Profile: a rejected one is not saved, and the page says why.</summary>
[Collection(MtaGroup.Name)]
public sealed class ProfilePasswordTests(MtaFixture mta) : IAsyncLifetime
{
    private readonly AppFactory app = new();

    public Task InitializeAsync() => app.InitializeAsync();

    public Task DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task AWrongPassword_IsNotSaved_AndTheRightOneIsSaidToWork()
    {
        var admin = await app.ApiClientAsync();
        var server = await admin.PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name = "Postfix", host = MtaFixture.Host, port = mta.SubmissionPort, security = "StartTls", authMethod = "Plain",
            username = MtaFixture.Relay.Login, password = MtaFixture.Relay.Password, pinnedCertificateSha256 = mta.CertificateSha256, timeoutSeconds = 5,
        });
        var serverId = (int)(await server.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var created = await admin.PostAsJsonAsync("/api/v1/users", new { email = MtaFixture.Agent.Login, displayName = "Jane Agent", role = "Agent", password = "Agent-Pa55word!" });
        var id = (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        await admin.PutAsJsonAsync($"/api/v1/users/{id}", new { serverId, overrideCredentials = true });
        var agent = await app.BrowserAsync(MtaFixture.Agent.Login, "Agent-Pa55word!");

        var wrong = await agent.PostFormAsync("/Profile?handler=Password", new() { ["SmtpUsername"] = "", ["Password"] = "not-my-password" }, formPage: "/Profile");
        var wrongPage = WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync());
        var storedAfterWrong = (bool)(await admin.GetFromJsonAsync<JsonObject>($"/api/v1/users/{id}"))!["hasSmtpPassword"]!;
        var right = await agent.PostFormAsync("/Profile?handler=Password", new() { ["SmtpUsername"] = "", ["Password"] = MtaFixture.Agent.Password }, formPage: "/Profile");
        var rightPage = WebUtility.HtmlDecode(await agent.GetStringAsync("/Profile"));

        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("Not saved:", wrongPage);
        Assert.Contains("AuthFailed", wrongPage);
        Assert.False(storedAfterWrong);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Contains("Your email password is saved, and it works", rightPage);
        Assert.True((bool)(await admin.GetFromJsonAsync<JsonObject>($"/api/v1/users/{id}"))!["hasSmtpPassword"]!);
    }
}
