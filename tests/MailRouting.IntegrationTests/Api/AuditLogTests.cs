using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.Audit;
using MailRouting.Users;
using Microsoft.Extensions.DependencyInjection;

namespace MailRouting.IntegrationTests.Api;

/// <summary>
/// Each kind of change leaves one entry with who, from where, and the fields before and after, never a secret;
/// Support reads the log and cannot change it; the retention removes old entries and nothing else does.
/// </summary>
public sealed class AuditLogTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string ServerPassword = "audit-server-Pa55";
    private const string NewServerPassword = "audit-server-N3w";
    private const string ClientSecret = "audit-client-s3cret";

    private static async Task<JsonObject> CreatedAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static async Task<JsonArray> EntriesAsync(HttpClient api, string query) =>
        (JsonArray)(await api.GetFromJsonAsync<JsonObject>("/api/v1/audit?" + query))!["items"]!;

    private static Dictionary<string, (string? Before, string? After)> ChangesOf(JsonNode entry) =>
        ((JsonArray)entry["changes"]!).ToDictionary(c => (string)c!["field"]!, c => ((string?)c!["before"],
            (string?)c!["after"]));

    [Fact]
    public async Task EachKindOfChange_LeavesOneEntry_WithBeforeAndAfter_AndNoSecret()
    {
        var admin = await app.ApiClientAsync();
        admin.DefaultRequestHeaders.Add(TestRemoteAddress.Header, "203.0.113.7");
        var server = await CreatedAsync(await admin.PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name = "Audit relay", host = "smtp.audit.test", security = "StartTls", authMethod = "Plain",
                username = "relay@audit.test",
            password = ServerPassword,
        }));
        var serverId = (int)server["id"]!;
        var update = SmtpServerUpdate(server, ServerPassword);
        update["host"] = "smtp2.audit.test";
        update["password"] = NewServerPassword;
        await CreatedAsync(await admin.PutAsJsonAsync($"/api/v1/smtp-servers/{serverId}", update));
        await CreatedAsync(await admin.PostAsJsonAsync("/api/v1/channels", new { name = "Audit desk",
            address = "desk@audit.test" }));
        var group = await CreatedAsync(await admin.PostAsJsonAsync("/api/v1/groups", new { name = "Audit team" }));
        await CreatedAsync(await admin.PostAsJsonAsync("/api/v1/oauth-apps", new
        {
            name = "Audit M365", provider = "Microsoft365", tenant = "audit.onmicrosoft.com",
                clientId = "11111111-2222-3333-4444-555555555555",
            clientSecret = ClientSecret,
        }));
        await CreatedAsync(await admin.PostAsJsonAsync("/api/v1/dkim-keys", new { domain = "audit.test",
            selector = "a1" }));
        var userId = await app.CreateUserAsync("audit-agent-2@acme.test", Roles.Agent, "Agent-Pa55word!");
        await CreatedAsync(await admin.PutAsJsonAsync($"/api/v1/users/{userId}",
            new { serverId, overrideCredentials = false }));
        Assert.Equal(HttpStatusCode.NoContent,
            (await admin.DeleteAsync($"/api/v1/smtp-servers/{serverId}?moveToDefault=true")).StatusCode);

        var servers = await EntriesAsync(admin, "kind=Server&actor=ADMIN@acme");
        var all = (await admin.GetStringAsync("/api/v1/audit")) + await admin.GetStringAsync("/api/v1/audit?p=2");

        var ofThisServer = servers.Where(e => (string?)e!["subjectId"] == $"{serverId}").ToList();
        Assert.Equal(["Deleted", "Changed", "Created"], ofThisServer.Select(e => (string?)e!["action"]));
        var created = ChangesOf(ofThisServer[2]!);
        Assert.Equal((null, "smtp.audit.test"), created["Host"]);
        Assert.Equal((null, "set"), created["ProtectedPassword"]);
        var changed = ChangesOf(ofThisServer[1]!);
        Assert.Equal(("smtp.audit.test", "smtp2.audit.test"), changed["Host"]);
        Assert.Equal(("set", "changed"), changed["ProtectedPassword"]);
        Assert.Equal(2, changed.Count);
        Assert.Equal(("smtp2.audit.test", null), ChangesOf(ofThisServer[0]!)["Host"]);
        Assert.All(ofThisServer, e => Assert.Equal(AppFactory.AdminEmail, (string?)e!["actor"]));
        Assert.All(ofThisServer, e => Assert.Equal("203.0.113.7", (string?)e!["actorAddress"]));
        Assert.Single(await EntriesAsync(admin, "kind=Channel"), e => (string?)e!["subject"] == "desk@audit.test");
        Assert.Single(await EntriesAsync(admin, "kind=Group"),
            e => (string?)e!["subject"] == "Audit team" && (string?)e["subjectId"] == $"{group["id"]}");
        Assert.Equal((null, "set"), ChangesOf((await EntriesAsync(admin,
            "kind=OAuth app")).Single(e => (string?)e!["subject"] == "Audit M365")!)["ProtectedClientSecret"]);
        Assert.Equal((null, "set"), ChangesOf((await EntriesAsync(admin,
            "kind=DKIM key")).Single()!)["ProtectedPrivateKey"]);
        var users = await EntriesAsync(admin, "kind=User");
        var userChanges = users.Where(e => (string?)e!["subject"] == "audit-agent-2@acme.test")
            .ToDictionary(e => (string)e!["action"]!, e => ChangesOf(e!));
        Assert.Equal((null, $"{serverId}"), userChanges["Changed"]["ServerId"]);
        Assert.Equal((null, "set"), userChanges["Created"]["PasswordHash"]);
        Assert.Contains(await EntriesAsync(admin, "kind=User role"), e => (string?)e!["subject"] == $"user {userId}");
        foreach (var secret in new[] { ServerPassword, NewServerPassword, ClientSecret, "PRIVATE KEY", "AQAAAA" })
        {
            Assert.DoesNotContain(secret, all, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SupportReads_AgentsDoNot_AndNobodyChangesOrDeletesAnEntry()
    {
        var admin = await app.ApiClientAsync();
        await CreatedAsync(await admin.PostAsJsonAsync("/api/v1/groups", new { name = "Audit readers" }));
        await app.CreateUserAsync("audit-support@acme.test", Roles.Support, "Support-Pa55word!");
        await app.CreateUserAsync("audit-agent@acme.test", Roles.Agent, "Agent-Pa55word!");
        var support = await app.ApiClientAsync("audit-support@acme.test", "Support-Pa55word!");
        var agent = await app.ApiClientAsync("audit-agent@acme.test", "Agent-Pa55word!");
        var entries = await EntriesAsync(support, "");
        var id = (long)entries[0]!["id"]!;
        var supportPage = await (await app.BrowserAsync("audit-support@acme.test",
            "Support-Pa55word!")).GetAsync("/Audit?kind=Group");
        var agentPage = await (await app.BrowserAsync("audit-agent@acme.test", "Agent-Pa55word!")).GetAsync("/Audit");

        Assert.NotEmpty(entries);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/v1/audit")).StatusCode);
        Assert.Contains("Audit readers", await supportPage.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, agentPage.StatusCode);
        foreach (var client in new[] { admin, support })
        {
            // No operation edits or deletes an entry: the app answers as for any address it has nothing at.
            Assert.True((await client.DeleteAsync($"/api/v1/audit/{id}")).StatusCode
                is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed);
            Assert.True((await client.PutAsJsonAsync($"/api/v1/audit/{id}", new { actor = "x" })).StatusCode
                is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed);
            Assert.True((await client.DeleteAsync("/api/v1/audit")).StatusCode
                is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed);
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await support.GetAsync("/api/v1/audit?kind=Nonsense")).StatusCode);
        Assert.Equal(id, (long)(await EntriesAsync(admin, ""))[0]!["id"]!);
    }

    [Fact]
    public async Task Retention_RemovesEntriesOlderThanItsDays_AndKeepsTheRest()
    {
        var admin = await app.ApiClientAsync();
        await CreatedAsync(await admin.PostAsJsonAsync("/api/v1/groups", new { name = "Audit old" }));
        app.Clock.Jump(TimeSpan.FromDays(366));
        admin = await app.ApiClientAsync();
        await CreatedAsync(await admin.PostAsJsonAsync("/api/v1/groups", new { name = "Audit new" }));

        await using var scope = app.Services.CreateAsyncScope();
        var removed = await scope.ServiceProvider.GetRequiredService<AuditRetention>().RemoveOldAsync(default);
        var groups = await EntriesAsync(admin, "kind=Group");

        Assert.True(removed >= 1);
        Assert.DoesNotContain(groups, e => (string?)e!["subject"] == "Audit old");
        Assert.Contains(groups, e => (string?)e!["subject"] == "Audit new");
    }

    private static JsonObject SmtpServerUpdate(JsonObject server, string password) => new()
    {
        ["name"] = (string?)server["name"], ["host"] = (string?)server["host"], ["port"] = (int)server["port"]!,
        ["security"] = (string?)server["security"], ["authMethod"] = (string?)server["authMethod"],
        ["username"] = (string?)server["username"], ["password"] = password, ["version"] = (string?)server["version"],
    };
}
