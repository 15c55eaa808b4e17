using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.Channels;
using MailRouting.Data;
using MailRouting.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MailRouting.IntegrationTests.Api;

public sealed class ChannelEndpointsTests(AppFactory app) : IClassFixture<AppFactory>, IAsyncLifetime
{
    private HttpClient api = null!;

    public async Task InitializeAsync() => api = await app.ApiClientAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<JsonObject> PostAsync(string url, object body)
    {
        var response = await api.PostAsJsonAsync(url, body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private async Task<int> ServerAsync(string name) => (int)(await PostAsync("/api/v1/smtp-servers", new
    {
        name, host = "smtp.acme.test", security = "StartTls", authMethod = "Plain", username = "relay@acme.test", password = "relay-pw",
    }))["id"]!;

    [Fact]
    public async Task Create_ReturnsTheShape_WithoutPasswords()
    {
        var server = await ServerAsync("Shape server");

        var channel = await PostAsync("/api/v1/channels", new
        {
            name = "Shape", address = "shape@acme.test", displayName = "Shape Team", serverId = server, overrideCredentials = true, password = "chan-Secret-1",
            incoming = new { protocol = "Imap", host = "imap.acme.test", security = "SslOnConnect", username = "shape@acme.test", password = "in-Secret-2" },
            usableAsSender = true, usableAsReplyTo = false,
        });

        Assert.Equal(server, (int)channel["serverId"]!);
        Assert.Equal(server, (int)channel["effectiveServerId"]!);
        Assert.True((bool)channel["hasPassword"]!);
        Assert.Null(channel["password"]);
        Assert.Equal("Imap", (string?)channel["incoming"]!["protocol"]);
        Assert.Equal(993, (int)channel["incoming"]!["port"]!);
        Assert.True((bool)channel["incoming"]!["hasPassword"]!);
        Assert.False((bool)channel["usableAsReplyTo"]!);
        Assert.DoesNotContain("Secret", channel.ToJsonString());
        Assert.DoesNotContain("chan-Secret-1", app.LogText());
    }

    [Fact]
    public async Task Create_AnAddressAnotherChannelHas_WithATrailingDotAndOtherCase_IsRefused()
    {
        var local = Guid.NewGuid().ToString("N");
        await PostAsync("/api/v1/channels", new { name = $"Dot {local}", address = $"{local}@acme.test" });

        await AssertRefusedAsync($"{local.ToUpperInvariant()}@Acme.test.", $"Another channel already uses {local.ToUpperInvariant()}@Acme.test.");
    }

    [Fact]
    public async Task Create_AUsersOwnAddress_IsRefused()
    {
        await AssertRefusedAsync("ADMIN@acme.test", "ADMIN@acme.test is a user's own address");
    }

    private async Task AssertRefusedAsync(string address, string refusal)
    {
        var total = (int)(await api.GetFromJsonAsync<JsonObject>("/api/v1/channels"))!["total"]!;

        var response = await api.PostAsJsonAsync("/api/v1/channels", new { name = $"Taken {Guid.NewGuid():N}", address });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(refusal, (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["address"]![0], StringComparison.Ordinal);
        Assert.Equal(total, (int)(await api.GetFromJsonAsync<JsonObject>("/api/v1/channels"))!["total"]!);
    }

    [Fact]
    public async Task OverrideOnInternal_IsRefused()
    {
        var servers = (await api.GetFromJsonAsync<JsonArray>("/api/v1/smtp-servers"))!;
        var internalId = (int)servers.Single(s => (string?)s!["kind"] == "Internal")!["id"]!;

        var response = await api.PostAsJsonAsync("/api/v1/channels", new { name = "Internal override", address = "io@acme.test", serverId = internalId, overrideCredentials = true, password = "x" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("only possible with a custom server", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task List_FiltersByEffectiveServer_AndTheServerListCountsFollowers()
    {
        var chosen = await ServerAsync("Chosen one");
        await PostAsync("/api/v1/channels", new { name = "Explicit A", address = "explicit-a@acme.test", serverId = chosen });
        await PostAsync("/api/v1/channels", new { name = "Follower B", address = "follower-b@acme.test" });

        var byChosen = (await api.GetFromJsonAsync<JsonObject>($"/api/v1/channels?serverId={chosen}"))!;
        var servers = (await api.GetFromJsonAsync<JsonArray>("/api/v1/smtp-servers"))!;
        var defaultServer = servers.Single(s => (bool)s!["isDefault"]!)!;
        var followers = (await api.GetFromJsonAsync<JsonObject>($"/api/v1/channels?serverId={defaultServer["id"]}&search=follower-b"))!;

        Assert.Equal(["explicit-a@acme.test"], byChosen["items"]!.AsArray().Select(c => (string?)c!["address"]));
        Assert.Equal(1, (int)servers.Single(s => (int)s!["id"]! == chosen)!["usedByChannels"]!);
        Assert.Equal(1, (int)followers["total"]!);
        Assert.StartsWith("Default (", (string?)followers["items"]![0]!["serverLabel"]);
        Assert.True((int)defaultServer["usedByUsers"]! >= 1);
    }

    [Fact]
    public async Task ChangingTheDefault_MovesEveryFollowerAtOnce()
    {
        var next = await ServerAsync("Next default");
        var follower = await PostAsync("/api/v1/channels", new { name = "Mover", address = "mover@acme.test" });
        var before = (await api.GetFromJsonAsync<JsonObject>($"/api/v1/channels/{follower["id"]}"))!;

        await api.PostAsync($"/api/v1/smtp-servers/{next}/default", null);
        var after = (await api.GetFromJsonAsync<JsonObject>($"/api/v1/channels/{follower["id"]}"))!;
        var explanation = (await api.GetFromJsonAsync<JsonObject>($"/api/v1/resolve?channelId={follower["id"]}"))!;
        await api.PostAsync($"/api/v1/smtp-servers/{before["effectiveServerId"]}/default", null);

        Assert.NotEqual((int)before["effectiveServerId"]!, next);
        Assert.Equal(next, (int)after["effectiveServerId"]!);
        Assert.True((bool)explanation["ok"]!);
        Assert.Equal(next, (int)explanation["server"]!["id"]!);
        Assert.Equal("relay@acme.test", (string?)explanation["login"]);
        Assert.Equal("mover@acme.test", (string?)explanation["replyTo"]);
        Assert.Contains("follows the default server, Next default", (string?)explanation["steps"]![0]);
    }

    [Fact]
    public async Task DeletingAServerStillChosen_IsRefusedWithCounts_UnlessMovedToTheDefault()
    {
        var doomed = await ServerAsync("Doomed");
        var channel = await PostAsync("/api/v1/channels", new { name = "Stuck", address = "stuck@acme.test", serverId = doomed });

        var refused = await api.DeleteAsync($"/api/v1/smtp-servers/{doomed}");
        var moved = await api.DeleteAsync($"/api/v1/smtp-servers/{doomed}?moveToDefault=true");
        var after = (await api.GetFromJsonAsync<JsonObject>($"/api/v1/channels/{channel["id"]}"))!;

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("still chosen by 1 channels and 0 users", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NoContent, moved.StatusCode);
        Assert.Null((int?)after["serverId"]);
    }

    [Fact]
    public async Task Resolve_AgentMayAskOnlyAboutThemselves()
    {
        await app.CreateUserAsync("resolve-agent@acme.test", Roles.Agent, "Agent-Pa55word!");
        var agent = await app.ApiClientAsync("resolve-agent@acme.test", "Agent-Pa55word!");
        var channel = await PostAsync("/api/v1/channels", new { name = "Not yours", address = "notyours@acme.test" });

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync($"/api/v1/resolve?channelId={channel["id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/v1/resolve?userId=someone-else")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/v1/channels")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync("/api/v1/resolve")).StatusCode);
    }

    [Fact]
    public async Task NamesAndAddresses_AreUniqueRegardlessOfLetterCase()
    {
        await ServerAsync("Case Relay");
        await PostAsync("/api/v1/channels", new { name = "Case", address = "case@acme.test" });

        var server = await api.PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name = "CASE relay", host = "smtp.acme.test", security = "StartTls", authMethod = "Plain", username = "relay@acme.test", password = "relay-pw",
        });
        var channel = await api.PostAsJsonAsync("/api/v1/channels", new { name = "Case 2", address = "Case@ACME.test" });

        Assert.Equal(HttpStatusCode.BadRequest, server.StatusCode);
        Assert.Contains("name", (await server.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(HttpStatusCode.BadRequest, channel.StatusCode);
        Assert.Contains("address", (await channel.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key));
        // The database refuses it too, for two saves that pass the check at the same moment.
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MailRoutingDbContext>();
        db.EmailChannels.Add(new EmailChannel { Name = "Race", Address = "CASE@acme.TEST" });
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task List_APageFarPastTheEnd_ShowsTheLastPage()
    {
        for (var i = 0; i < 3; i++)
        {
            await PostAsync("/api/v1/channels", new { name = $"Paged {i}", address = $"paged-{i}@acme.test" });
        }

        var total = (int)(await api.GetFromJsonAsync<JsonObject>("/api/v1/channels?pageSize=2"))!["total"]!;
        var last = (await api.GetFromJsonAsync<JsonObject>($"/api/v1/channels?pageSize=2&page={int.MaxValue}"))!;

        Assert.Equal((total + 1) / 2, (int)last["page"]!);
        Assert.Equal(total % 2 == 0 ? 2 : 1, last["items"]!.AsArray().Count);
    }
}
