using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MailRouting.IntegrationTests.Mta;
using MailRouting.Users;

namespace MailRouting.IntegrationTests.Pages;

/// <summary>
/// A fresh install's home page leads an admin step by step to a first delivered message: each step is ticked from what
/// is really set up, against Postfix, and the list goes once all are done. Agents never see it.
/// </summary>
[Collection(MtaGroup.Name)]
public sealed partial class SetupChecklistTests(MtaFixture mta) : IAsyncLifetime
{
    private readonly AppFactory app = new();

    public Task InitializeAsync() => app.InitializeAsync();

    public Task DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task EachStep_IsTickedFromTheRealState_AndTheListGoes_OnceTheFirstMessageIsDelivered()
    {
        var admin = await app.ApiClientAsync();
        Assert.Equal(["To do", "To do", "To do", "To do", "To do"], await StepsAsync());

        var created = await admin.PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name = "Our relay", host = MtaFixture.Host, port = mta.SubmissionPort, security = "StartTls", authMethod = "Plain",
            username = MtaFixture.Relay.Login, password = MtaFixture.Relay.Password, pinnedCertificateSha256 = mta.CertificateSha256, timeoutSeconds = 5,
            sendAs = new[] { "*@acme.test" },
        });
        var serverId = (int)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/smtp-servers/{serverId}/test", new { })).StatusCode);
        Assert.Equal(["Done", "To do", "To do", "To do", "To do"], await StepsAsync());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/smtp-servers/{serverId}/default", null)).StatusCode);
        var channel = await admin.PostAsJsonAsync("/api/v1/channels", new
        {
            name = "Support", address = MtaFixture.Support.Login, serverId, overrideCredentials = true, password = MtaFixture.Support.Password,
        });
        var channelId = (int)(await channel.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        await app.CreateUserAsync("first-agent@acme.test", Roles.Agent, "Agent-Pa55word!");
        Assert.Equal(["Done", "Done", "Done", "Done", "To do"], await StepsAsync());
        Assert.DoesNotContain("Get started", await (await app.BrowserAsync("first-agent@acme.test", "Agent-Pa55word!")).GetStringAsync("/"));

        var sent = await admin.PostAsJsonAsync("/api/v1/messages", new
        {
            from = new { channelId }, to = new[] { MtaFixture.UniqueRecipient() }, subject = "First", text = "Hello.",
        });
        await Eventually.MessageAsync(admin, (string)(await sent.Content.ReadFromJsonAsync<JsonObject>())!["id"]!, m => (string?)m["status"] == "Sent");
        Assert.Empty(await StepsAsync());

        // A server that signs in with OAuth2 brings the list back until its mailbox is connected.
        var oauthApp = await admin.PostAsJsonAsync("/api/v1/oauth-apps", new { name = "Google", provider = "Google", clientId = "c.apps.googleusercontent.com", clientSecret = "s" });
        var appId = (int)(await oauthApp.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var workspace = await admin.PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name = "Workspace", host = "smtp.gmail.com", port = 587, security = "StartTls", authMethod = "OAuth2", oAuthAppId = appId, username = "desk@acme.test",
        });
        Assert.Equal(HttpStatusCode.Created, workspace.StatusCode);
        Assert.Equal(["Done", "Done", "Done", "Done", "To do", "Done"], await StepsAsync());
    }

    /// <summary>Each step's mark on the admin's home page, in order; empty when the checklist is not shown.</summary>
    private async Task<string[]> StepsAsync()
    {
        var home = await (await app.BrowserAsync()).GetStringAsync("/");
        return [.. StepMark().Matches(home).Select(m => m.Groups[1].Value)];
    }

    [GeneratedRegex(@"<span class=""badge (?:ok|muted)"">(Done|To do)</span>", RegexOptions.None, 1000)]
    private static partial Regex StepMark();
}
