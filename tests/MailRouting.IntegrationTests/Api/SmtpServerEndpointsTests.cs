using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.Data;
using MailRouting.IntegrationTests.Data;
using MailRouting.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static MailRouting.IntegrationTests.HttpJson;

namespace MailRouting.IntegrationTests.Api;

public sealed class SmtpServerEndpointsTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Secret = "Sup3r-Secret-Pa55!";

    private static object NewServer(string name, string? password = Secret, int? port = null, string security = "StartTls") => new
    {
        name,
        host = "smtp.acme.test",
        port,
        security,
        authMethod = "Plain",
        username = "support@acme.test",
        password,
        senderName = "Acme Support",
        sendAs = new[] { "help@acme.test", "*@brand.test" },
    };

    private async Task<int> ServerCountAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MailRoutingDbContext>().SmtpServers.CountAsync();
    }

    private static async Task<JsonObject> CreateAsync(HttpClient api, string name, int? port = null)
    {
        var response = await api.PostAsJsonAsync("/api/v1/smtp-servers", NewServer(name, port: port));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await ReadAsync(response);
    }

    [Fact]
    public async Task Anonymous_GetsProblem401()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/smtp-servers");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task UsedByUsers_CountsAdminsAndAgents_NotSupport()
    {
        var api = await app.ApiClientAsync();
        var server = (int)(await ReadAsync(await api.PostAsJsonAsync("/api/v1/smtp-servers", NewServer($"Used by {Guid.NewGuid():N}"))))["id"]!;
        foreach (var (email, role) in new[] { ($"agent-{server}@acme.test", Roles.Agent), ($"support-{server}@acme.test", Roles.Support) })
        {
            var id = await app.CreateUserAsync(email, role, "Used-By-Pa55word!");
            Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync($"/api/v1/users/{id}", new { serverId = server })).StatusCode);
        }

        Assert.Equal(1, (int)(await ReadAsync(await api.GetAsync($"/api/v1/smtp-servers/{server}")))["usedByUsers"]!);
        // The list the count links to agrees with it.
        Assert.Equal(1, (int)(await ReadAsync(await api.GetAsync($"/api/v1/users?serverId={server}")))["total"]!);

        var channel = await api.PostAsJsonAsync("/api/v1/channels", new
        {
            name = $"Rights {server}", address = $"rights-{server}@acme.test", usableAsSender = false, senderUsers = new[] { $"support-{server}@acme.test" },
        });
        Assert.Equal(HttpStatusCode.BadRequest, channel.StatusCode);
        Assert.Contains($"These are Support users, who read mail and never send it: support-{server}@acme.test.", await channel.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_ValidServer_Returns201WithLocationAndNoPassword()
    {
        var api = await app.ApiClientAsync();

        var response = await api.PostAsJsonAsync("/api/v1/smtp-servers", NewServer("Created via API"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await ReadAsync(response);
        Assert.Equal($"/api/v1/smtp-servers/{body["id"]}", response.Headers.Location!.OriginalString);
        Assert.Equal(587, (int)body["port"]!);
        Assert.Equal("StartTls", (string?)body["security"]);
        Assert.Equal("Plain", (string?)body["authMethod"]);
        Assert.True((bool)body["hasPassword"]!);
        Assert.Null(body["password"]);
        Assert.Equal("support@acme.test", (string?)body["senderAddress"]);
        Assert.Equal(["help@acme.test", "*@brand.test"], body["sendAs"]!.AsArray().Select(a => (string?)a));
        Assert.Equal("Custom", (string?)body["kind"]);
        Assert.False((bool)body["isDefault"]!);
        Assert.Equal(0, (int)body["usedByChannels"]!);
        Assert.Equal(0, (int)body["usedByUsers"]!);
        Assert.Null(body["lastTest"]);
        Assert.Equal(20, (int)body["timeoutSeconds"]!);

        var fetched = await ReadAsync(await api.GetAsync(response.Headers.Location));
        Assert.Equal((string?)body["name"], (string?)fetched["name"]);
    }

    [Theory]
    [InlineData("SslOnConnect", 465)]
    [InlineData("None", 25)]
    public async Task Post_WithoutPort_TakesThePortOfTheSecurityChoice(string security, int expected)
    {
        var api = await app.ApiClientAsync();

        var response = await api.PostAsJsonAsync("/api/v1/smtp-servers", NewServer($"Port {security}", security: security));

        Assert.Equal(expected, (int)(await ReadAsync(response))["port"]!);
    }

    [Fact]
    public async Task Post_InvalidFields_Returns400WithFieldErrorsAndSavesNothing()
    {
        var api = await app.ApiClientAsync();
        var before = await ServerCountAsync();

        var response = await api.PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name = "",
            host = "not a host!",
            port = 70000,
            security = "StartTls",
            authMethod = "Login",
            username = "",
            sendAs = new[] { "nope" },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = (await ReadAsync(response))["errors"]!.AsObject();
        Assert.Contains("name", errors.Select(e => e.Key));
        Assert.Contains("host", errors.Select(e => e.Key));
        Assert.Contains("port", errors.Select(e => e.Key));
        Assert.Contains("username", errors.Select(e => e.Key));
        Assert.Contains("password", errors.Select(e => e.Key));
        Assert.Contains("sendAs[0]", errors.Select(e => e.Key));
        Assert.Equal(before, await ServerCountAsync());
    }

    [Fact]
    public async Task Post_UnknownEnumValue_Returns400()
    {
        var api = await app.ApiClientAsync();
        var before = await ServerCountAsync();

        var response = await api.PostAsJsonAsync("/api/v1/smtp-servers", new { name = "Bad enum", host = "smtp.acme.test", security = "Tls13Please" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await ServerCountAsync());
    }

    [Fact]
    public async Task Post_DuplicateName_Returns400()
    {
        var api = await app.ApiClientAsync();
        await CreateAsync(api, "Twice");

        var response = await api.PostAsJsonAsync("/api/v1/smtp-servers", NewServer("Twice"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("already exists", (string?)(await ReadAsync(response))["errors"]!["name"]![0]);
    }

    [Fact]
    public async Task Put_BlankPassword_KeepsIt_AndClearPasswordRemovesIt()
    {
        var api = await app.ApiClientAsync();
        var created = await CreateAsync(api, "Password keeper");
        var url = $"/api/v1/smtp-servers/{created["id"]}";

        var kept = await api.PutAsJsonAsync(url, new { name = "Password keeper", host = "smtp2.acme.test", security = "StartTls", authMethod = "Plain", username = "support@acme.test" });

        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        var body = await ReadAsync(kept);
        Assert.True((bool)body["hasPassword"]!);
        Assert.Equal("smtp2.acme.test", (string?)body["host"]);

        var cleared = await api.PutAsJsonAsync(url, new { name = "Password keeper", host = "smtp2.acme.test", security = "StartTls", authMethod = "None", senderAddress = "support@acme.test", clearPassword = true });

        Assert.False((bool)(await ReadAsync(cleared))["hasPassword"]!);
    }

    [Fact]
    public async Task Put_StaleVersion_Returns409AndKeepsTheFirstSave()
    {
        var api = await app.ApiClientAsync();
        var created = await CreateAsync(api, "Contested");
        var url = $"/api/v1/smtp-servers/{created["id"]}";
        var version = (string?)created["version"];

        var first = await api.PutAsJsonAsync(url, new { name = "Contested", host = "first.acme.test", security = "StartTls", authMethod = "Plain", username = "support@acme.test", version });
        var second = await api.PutAsJsonAsync(url, new { name = "Contested", host = "second.acme.test", security = "StartTls", authMethod = "Plain", username = "support@acme.test", version });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("Someone else changed this server", (string?)(await ReadAsync(second))["detail"]);
        Assert.Equal("first.acme.test", (string?)(await ReadAsync(await api.GetAsync(url)))["host"]);
    }

    [Fact]
    public async Task DefaultAndDelete_FollowTheRules()
    {
        var api = await app.ApiClientAsync();
        var servers = (await api.GetFromJsonAsync<JsonArray>("/api/v1/smtp-servers"))!;
        var internalServer = servers.Single(s => (string?)s!["kind"] == "Internal")!;
        var a = await CreateAsync(api, "Rules A");
        var b = await CreateAsync(api, "Rules B");

        Assert.Equal(HttpStatusCode.Conflict, (await api.DeleteAsync($"/api/v1/smtp-servers/{internalServer["id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync($"/api/v1/smtp-servers/{a["id"]}/default", null)).StatusCode);

        var refused = await api.DeleteAsync($"/api/v1/smtp-servers/{a["id"]}");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("default server", (string?)(await ReadAsync(refused))["detail"]);

        var after = (await api.GetFromJsonAsync<JsonArray>("/api/v1/smtp-servers"))!;
        Assert.Equal((int)a["id"]!, (int)after.Single(s => (bool)s!["isDefault"]!)!["id"]!);

        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync($"/api/v1/smtp-servers/{b["id"]}/default", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/smtp-servers/{a["id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/smtp-servers/{a["id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync($"/api/v1/smtp-servers/{internalServer["id"]}/default", null)).StatusCode);
        var final = (await api.GetFromJsonAsync<JsonArray>("/api/v1/smtp-servers"))!;
        Assert.Single(final, s => (bool)s!["isDefault"]!);
    }

    [Fact]
    public async Task Put_InternalServer_IsRefused()
    {
        var api = await app.ApiClientAsync();
        var internalServer = (await api.GetFromJsonAsync<JsonArray>("/api/v1/smtp-servers"))!.Single(s => (string?)s!["kind"] == "Internal")!;

        var response = await api.PutAsJsonAsync($"/api/v1/smtp-servers/{internalServer["id"]}", new { name = "Hijacked", host = "evil.example", security = "None", authMethod = "None", senderAddress = "x@evil.example" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("localhost", (string?)(await ReadAsync(await api.GetAsync($"/api/v1/smtp-servers/{internalServer["id"]}")))["host"]);
    }

    [Fact]
    public async Task Support_ReadsButCannotChange()
    {
        await app.CreateUserAsync("support-api@acme.test", Roles.Support, "Support-Pa55word!");
        var admin = await app.ApiClientAsync();
        var target = await CreateAsync(admin, "Support target");
        var support = await app.ApiClientAsync("support-api@acme.test", "Support-Pa55word!");
        var before = await ServerCountAsync();

        Assert.Equal(HttpStatusCode.OK, (await support.GetAsync("/api/v1/smtp-servers")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await support.PostAsJsonAsync("/api/v1/smtp-servers", NewServer("By support"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await support.PutAsJsonAsync($"/api/v1/smtp-servers/{target["id"]}", NewServer("Renamed"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await support.DeleteAsync($"/api/v1/smtp-servers/{target["id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await support.PostAsync($"/api/v1/smtp-servers/{target["id"]}/default", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await support.PostAsJsonAsync($"/api/v1/smtp-servers/{target["id"]}/test", new { })).StatusCode);
        Assert.Equal(before, await ServerCountAsync());
        Assert.Equal("Support target", (string?)(await ReadAsync(await admin.GetAsync($"/api/v1/smtp-servers/{target["id"]}")))["name"]);
    }

    [Fact]
    public async Task Agent_CannotReadServers()
    {
        await app.CreateUserAsync("agent-api@acme.test", Roles.Agent, "Agent-Pa55word!");
        var agent = await app.ApiClientAsync("agent-api@acme.test", "Agent-Pa55word!");

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/v1/smtp-servers")).StatusCode);
    }

    [Fact]
    public async Task Password_AppearsInNoResponseLogOrDatabaseFile()
    {
        var api = await app.ApiClientAsync();
        var created = await CreateAsync(api, "Secret keeper");
        var browser = await app.BrowserAsync();

        string[] responses =
        [
            await api.GetStringAsync("/api/v1/smtp-servers"),
            await api.GetStringAsync($"/api/v1/smtp-servers/{created["id"]}"),
            await browser.GetStringAsync("/SmtpServers"),
            await browser.GetStringAsync($"/SmtpServers/Details/{created["id"]}"),
            await browser.GetStringAsync($"/SmtpServers/Edit/{created["id"]}"),
        ];

        Assert.All(responses, body => Assert.DoesNotContain(Secret, body));
        Assert.DoesNotContain(Secret, app.LogText());
        Assert.DoesNotContain(AppFactory.AdminPassword, app.LogText());
        // The database's files (SQLite's write-ahead log among them) or PostgreSQL's dump, as UTF-8 and as UTF-16.
        var stored = TestDatabase.StoredText(app.Folder);
        Assert.DoesNotContain(Secret, stored);
        Assert.DoesNotContain(string.Join('\0', Secret.ToCharArray()), stored);
    }

    [Fact]
    public async Task Get_UnknownServer_Returns404Problem()
    {
        var api = await app.ApiClientAsync();

        var response = await api.GetAsync("/api/v1/smtp-servers/99999");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }
}
