using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.IntegrationTests.Mta;

namespace MailRouting.IntegrationTests.Api;

/// <summary>Users and the agent's own profile through the API, sent for real through Postfix.</summary>
[Collection(MtaGroup.Name)]
public sealed class UserEndpointsTests(MtaFixture mta) : IAsyncLifetime
{
    private readonly AppFactory app = new();

    public Task InitializeAsync() => app.InitializeAsync();

    public Task DisposeAsync() => app.DisposeAsync();

    private async Task<(HttpClient Admin, string AgentId, int ServerId)> AgentWithOverrideAsync()
    {
        var admin = await app.ApiClientAsync();
        var server = await admin.PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name = "Agents' server", host = MtaFixture.Host, port = mta.SubmissionPort, security = "StartTls", authMethod = "Plain",
            username = "relay@acme.test", password = "relay-secret-4", pinnedCertificateSha256 = mta.CertificateSha256,
        });
        var serverId = (int)(await server.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var created = await admin.PostAsJsonAsync("/api/v1/users", new { email = "agent@acme.test", displayName = "Agent Smith", role = "Agent", password = "Agent-Pa55word!" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var agentId = (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var settings = await admin.PutAsJsonAsync($"/api/v1/users/{agentId}", new { serverId, overrideCredentials = true });
        Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
        return (admin, agentId, serverId);
    }

    [Fact]
    public async Task Agent_SetsTheirPassword_ThenMailGoesOutAsThemselves()
    {
        var (admin, agentId, serverId) = await AgentWithOverrideAsync();
        var agent = await app.ApiClientAsync("agent@acme.test", "Agent-Pa55word!");

        var before = (await agent.GetFromJsonAsync<JsonObject>("/api/v1/me"))!;
        var refused = await agent.PostAsJsonAsync("/api/v1/me/test", new { });
        var set = await agent.PutAsJsonAsync("/api/v1/me/smtp-password", new { password = MtaFixture.Agent.Password });
        var recipient = MtaFixture.UniqueRecipient();
        var test = (await (await agent.PostAsJsonAsync("/api/v1/me/test", new { recipient })).Content.ReadFromJsonAsync<JsonObject>())!;
        var after = (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/users/{agentId}"))!;

        Assert.False((bool)before["explanation"]!["ok"]!);
        Assert.Equal("MissingPassword", (string?)before["explanation"]!["failure"]!["code"]);
        Assert.Equal("No email password is configured for agent@acme.test.", (string?)before["explanation"]!["failure"]!["message"]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        Assert.True((bool)test["success"]!, test.ToJsonString());
        var (message, returnPath) = await mta.DeliveredToAsync(recipient);
        Assert.Equal("agent@acme.test", message.From.Mailboxes.Single().Address);
        Assert.Equal("agent@acme.test", returnPath);
        Assert.True((bool)after["hasSmtpPassword"]!);
        Assert.Equal(serverId, (int)after["effectiveServerId"]!);
        Assert.Null(after["smtpPassword"]);
        Assert.DoesNotContain(MtaFixture.Agent.Password, after.ToJsonString());
        Assert.DoesNotContain(MtaFixture.Agent.Password, app.LogText());
    }

    [Fact]
    public async Task AdminMayClearButNeverRead_AndAgentsCannotTouchOthers()
    {
        var (admin, agentId, _) = await AgentWithOverrideAsync();
        var agent = await app.ApiClientAsync("agent@acme.test", "Agent-Pa55word!");
        var refused = await agent.PutAsJsonAsync("/api/v1/me/smtp-password", new { password = "Agent-Own-Secret-9" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Not saved:", (await refused.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["Password"]![0]!.ToString());
        Assert.False((bool)(await admin.GetFromJsonAsync<JsonObject>($"/api/v1/users/{agentId}"))!["hasSmtpPassword"]!);
        Assert.Equal(HttpStatusCode.NoContent, (await agent.PutAsJsonAsync("/api/v1/me/smtp-password", new { password = MtaFixture.Agent.Password })).StatusCode);
        var otherCreated = await admin.PostAsJsonAsync("/api/v1/users", new { email = "other@acme.test", role = "Agent", password = "Other-Pa55word!" });
        var otherId = (string)(await otherCreated.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.DeleteAsync($"/api/v1/users/{otherId}/smtp-password")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PutAsJsonAsync($"/api/v1/users/{otherId}", new { overrideCredentials = false })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync($"/api/v1/users/{otherId}")).StatusCode);
        var adminView = await admin.GetStringAsync($"/api/v1/users/{agentId}");
        Assert.DoesNotContain(MtaFixture.Agent.Password, adminView);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/users/{agentId}/smtp-password")).StatusCode);
        Assert.False((bool)(await admin.GetFromJsonAsync<JsonObject>($"/api/v1/users/{agentId}"))!["hasSmtpPassword"]!);
        Assert.DoesNotContain("Agent-Own-Secret-9", app.LogText());
    }

    [Fact]
    public async Task Users_FilterByServerAndRole()
    {
        var (admin, _, serverId) = await AgentWithOverrideAsync();

        var byServer = (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/users?serverId={serverId}"))!;
        var admins = (await admin.GetFromJsonAsync<JsonObject>("/api/v1/users?role=Admin"))!;

        Assert.Equal(["agent@acme.test"], byServer["items"]!.AsArray().Select(u => (string?)u!["email"]));
        Assert.Equal([AppFactory.AdminEmail], admins["items"]!.AsArray().Select(u => (string?)u!["email"]));
        Assert.Equal("Admin", (string?)admins["items"]![0]!["role"]);
    }

    [Fact]
    public async Task OverrideOnInternal_IsRefused()
    {
        var admin = await app.ApiClientAsync();
        var created = await admin.PostAsJsonAsync("/api/v1/users", new { email = "internal-user@acme.test", role = "Agent", password = "Agent-Pa55word!" });
        var id = (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;

        var response = await admin.PutAsJsonAsync($"/api/v1/users/{id}", new { overrideCredentials = true });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
