using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.Users;

namespace MailRouting.IntegrationTests.Api;

/// <summary>Projects, signatures, contact numbers and /me/senders per role, and their bad input as 400s that change nothing.</summary>
public sealed class NewEndpointRolesTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task AdminsChange_SupportReads_AgentsSeeOnlyTheirOwn()
    {
        var admin = await app.ApiClientAsync();
        await app.CreateUserAsync("roles-support@acme.test", Roles.Support, "Support-Pa55word!");
        await app.CreateUserAsync("roles-agent@acme.test", Roles.Agent, "Agent-Pa55word!");
        var support = await app.ApiClientAsync("roles-support@acme.test", "Support-Pa55word!");
        var agent = await app.ApiClientAsync("roles-agent@acme.test", "Agent-Pa55word!");
        var project = (int)(await (await admin.PostAsJsonAsync("/api/v1/projects", new { name = "Roles brand" })).Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var channel = (int)(await (await admin.PostAsJsonAsync("/api/v1/channels", new { name = "Roles", address = "roles@acme.test" })).Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var agentId = (string)(await admin.GetFromJsonAsync<JsonObject>("/api/v1/users?search=roles-agent"))!["items"]![0]!["id"]!;

        (string Method, string Path, object? Body)[] reads =
        [
            ("GET", "/api/v1/projects", null), ("GET", $"/api/v1/projects/{project}", null), ("GET", $"/api/v1/projects/{project}/signature", null),
            ("GET", "/api/v1/signatures/central", null), ("GET", $"/api/v1/channels/{channel}/signature", null), ("GET", $"/api/v1/users/{agentId}/contact", null),
        ];
        (string Method, string Path, object? Body)[] changes =
        [
            ("POST", "/api/v1/projects", new { name = "Not by you" }), ("PUT", $"/api/v1/projects/{project}", new { name = "Renamed" }),
            ("DELETE", $"/api/v1/projects/{project}", null), ("PUT", $"/api/v1/projects/{project}/signature", new { text = "x" }),
            ("PUT", "/api/v1/signatures/central", new { text = "x" }), ("PUT", $"/api/v1/channels/{channel}/signature", new { text = "x" }),
            ("PUT", $"/api/v1/users/{agentId}/contact", new { phone = "1" }),
        ];

        foreach (var (method, path, body) in reads)
        {
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(support, method, path, body)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(agent, method, path, body)).StatusCode);
        }

        foreach (var (method, path, body) in changes)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(support, method, path, body)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(agent, method, path, body)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync("/api/v1/me/senders")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await support.GetAsync("/api/v1/me/senders")).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await agent.GetAsync($"/api/v1/me/senders?projectId={project}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync("/api/v1/me/senders?projectId=999999")).StatusCode);
        Assert.Equal("Roles brand", (string?)(await admin.GetFromJsonAsync<JsonObject>($"/api/v1/projects/{project}"))!["name"]);
    }

    [Fact]
    public async Task BadInput_IsA400_AndChangesNothing()
    {
        var admin = await app.ApiClientAsync();
        var project = await (await admin.PostAsJsonAsync("/api/v1/projects", new { name = "Bad input brand" })).Content.ReadFromJsonAsync<JsonObject>();
        var before = (await admin.GetFromJsonAsync<JsonArray>("/api/v1/projects"))!.Count;

        var noName = await admin.PostAsJsonAsync("/api/v1/projects", new { name = "" });
        var missingChannel = await admin.PutAsJsonAsync($"/api/v1/projects/{project!["id"]}", new { name = "Bad input brand", defaultSenderChannelId = 999999 });
        var unknownGroup = await admin.PostAsJsonAsync("/api/v1/projects", new { name = "Ghost members", memberGroups = new[] { 999999 } });
        var tooLong = await admin.PutAsJsonAsync("/api/v1/signatures/central", new { text = new string('x', 20_001) });
        var wrongType = await admin.PostAsync("/api/v1/projects", new StringContent("{\"name\": 5, \"memberGroups\": \"x\"}", System.Text.Encoding.UTF8, "application/json"));
        var noSuchProject = await admin.PutAsJsonAsync("/api/v1/projects/999999/signature", new { text = "x" });

        Assert.Equal(HttpStatusCode.BadRequest, noName.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missingChannel.StatusCode);
        Assert.Contains("defaultSenderChannelId", (await missingChannel.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(HttpStatusCode.BadRequest, unknownGroup.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noSuchProject.StatusCode);
        Assert.Equal(before, (await admin.GetFromJsonAsync<JsonArray>("/api/v1/projects"))!.Count);
        Assert.Null((await admin.GetFromJsonAsync<JsonObject>($"/api/v1/projects/{project["id"]}"))!["defaultSender"]);
        Assert.Null((string?)(await admin.GetFromJsonAsync<JsonObject>("/api/v1/signatures/central"))!["text"]);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path, object? body) =>
        client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = body is null ? null : JsonContent.Create(body) });
}
