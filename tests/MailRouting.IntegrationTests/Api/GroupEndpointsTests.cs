using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.Users;
using static MailRouting.IntegrationTests.HttpJson;

namespace MailRouting.IntegrationTests.Api;

/// <summary>Groups on the API, and channels given to chosen users and groups: who may send, who is refused and in which words.</summary>
public sealed class GroupEndpointsTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<(string Email, HttpClient Client)> AgentAsync(string name)
    {
        var email = $"{name}-{Guid.NewGuid():N}"[..20] + "@acme.test";
        await app.CreateUserAsync(email, Roles.Agent, "Agent-Pa55word!");
        return (email, await app.ApiClientAsync(email, "Agent-Pa55word!"));
    }

    private static object Send(int channelId) => new { from = new { channelId }, to = new[] { "customer@customer.test" }, subject = "Hi", text = "Hello." };

    [Fact]
    public async Task AChannelLimitedToAGroup_RefusesOthersWithTheRule_AndTakesMembersAsSoonAsTheyJoin()
    {
        var api = await app.ApiClientAsync();
        var (email, agent) = await AgentAsync("outside");
        var tag = $"{Guid.NewGuid():N}"[..6];
        var group = await ReadAsync(await api.PostAsJsonAsync("/api/v1/groups", new { name = $"Sales {tag}" }));
        var channel = await ReadAsync(await api.PostAsJsonAsync("/api/v1/channels", new
        {
            name = $"Sales {tag}", address = $"sales-{tag}@acme.test", usableAsSender = false, senderGroups = new[] { (int)group["id"]! },
        }));

        var offeredBefore = (await agent.GetFromJsonAsync<JsonObject>("/api/v1/me/senders"))!["senders"]!.AsArray().Select(s => (int?)s!["channelId"]).ToList();
        var refused = await agent.PostAsJsonAsync("/api/v1/messages", Send((int)channel["id"]!));
        var joined = await api.PutAsync($"/api/v1/groups/{group["id"]}/members/{email}", null);
        var offeredAfter = (await agent.GetFromJsonAsync<JsonObject>("/api/v1/me/senders"))!["senders"]!.AsArray().Select(s => (int?)s!["channelId"]).ToList();
        var accepted = await agent.PostAsJsonAsync("/api/v1/messages", Send((int)channel["id"]!));
        var shown = await ReadAsync(await api.GetAsync($"/api/v1/channels/{channel["id"]}"));
        var groupShown = await ReadAsync(await api.GetAsync($"/api/v1/groups/{group["id"]}"));

        Assert.DoesNotContain((int?)channel["id"], offeredBefore);
        Assert.Contains((int?)channel["id"], offeredAfter);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var problem = await ReadAsync(refused);
        Assert.Equal("NotPermitted", (string?)problem["code"]);
        Assert.Equal($"{email} may not send as sales-{tag}@acme.test: sales-{tag}@acme.test is limited to the group Sales {tag}.", (string?)problem["detail"]);
        Assert.Equal(HttpStatusCode.OK, joined.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal($"Sales {tag}", (string?)shown["rights"]!["senderGroups"]![0]!["name"]);
        Assert.Equal(email, (string?)groupShown["members"]![0]!["email"]);
        Assert.Equal($"sales-{tag}@acme.test", (string?)groupShown["channels"]![0]!["address"]);
    }

    [Fact]
    public async Task AUserChosenByName_MaySend_AndDeletingTheGroupTakesAwayWhatOnlyItGave()
    {
        var api = await app.ApiClientAsync();
        var (named, namedClient) = await AgentAsync("named");
        var (member, memberClient) = await AgentAsync("member");
        var tag = $"{Guid.NewGuid():N}"[..6];
        var group = await ReadAsync(await api.PostAsJsonAsync("/api/v1/groups", new { name = $"Key accounts {tag}" }));
        await api.PutAsync($"/api/v1/groups/{group["id"]}/members/{member}", null);
        var channel = await ReadAsync(await api.PostAsJsonAsync("/api/v1/channels", new
        {
            name = $"Keys {tag}", address = $"keys-{tag}@acme.test", usableAsSender = false, senderUsers = new[] { named.ToUpperInvariant() },
            senderGroups = new[] { (int)group["id"]! },
        }));

        var byName = await namedClient.PostAsJsonAsync("/api/v1/messages", Send((int)channel["id"]!));
        var byGroup = await memberClient.PostAsJsonAsync("/api/v1/messages", Send((int)channel["id"]!));
        var deleted = await api.DeleteAsync($"/api/v1/groups/{group["id"]}");
        var afterDelete = await memberClient.PostAsJsonAsync("/api/v1/messages", Send((int)channel["id"]!));

        Assert.Equal(HttpStatusCode.Accepted, byName.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, byGroup.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, afterDelete.StatusCode);
        Assert.EndsWith("is limited to 1 chosen user.", (string?)(await ReadAsync(afterDelete))["detail"]);
    }

    [Fact]
    public async Task BadInput_IsA400AndChangesNothing_AndOnlyAdminsChangeGroups()
    {
        var api = await app.ApiClientAsync();
        var (_, agent) = await AgentAsync("roles");
        await app.CreateUserAsync("group-support@acme.test", Roles.Support, "Support-Pa55word!");
        var support = await app.ApiClientAsync("group-support@acme.test", "Support-Pa55word!");
        var tag = $"{Guid.NewGuid():N}"[..6];
        var group = await ReadAsync(await api.PostAsJsonAsync("/api/v1/groups", new { name = $"Tier 2 {tag}" }));
        var before = (await api.GetFromJsonAsync<JsonArray>("/api/v1/groups"))!.Count;

        var empty = await api.PostAsJsonAsync("/api/v1/groups", new { name = " " });
        var twice = await api.PostAsJsonAsync("/api/v1/groups", new { name = $"TIER 2 {tag}" });
        var nobody = await api.PutAsync($"/api/v1/groups/{group["id"]}/members/nobody@acme.test", null);
        var missing = await api.PutAsync("/api/v1/groups/999999/members/nobody@acme.test", null);
        var unknownUser = await api.PostAsJsonAsync("/api/v1/channels", new { name = $"X {tag}", address = $"x-{tag}@acme.test", usableAsSender = false, senderUsers = new[] { "ghost@acme.test" } });
        var unknownGroup = await api.PostAsJsonAsync("/api/v1/channels", new { name = $"Y {tag}", address = $"y-{tag}@acme.test", usableAsReplyTo = false, replyToGroups = new[] { 999999 } });

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, nobody.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownUser.StatusCode);
        Assert.Contains("ghost@acme.test", (string?)(await ReadAsync(unknownUser))["errors"]!["senderUsers"]![0]);
        Assert.Equal(HttpStatusCode.BadRequest, unknownGroup.StatusCode);
        Assert.Equal(before, (await api.GetFromJsonAsync<JsonArray>("/api/v1/groups"))!.Count);
        Assert.Equal(HttpStatusCode.OK, (await support.GetAsync("/api/v1/groups")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await support.PostAsJsonAsync("/api/v1/groups", new { name = "Support's own" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await support.DeleteAsync($"/api/v1/groups/{group["id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/v1/groups")).StatusCode);
    }
}
