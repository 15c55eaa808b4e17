using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.Users;

namespace MailRouting.IntegrationTests.Pages;

/// <summary>The group pages per role, their refusals in words on the page, and the channel form's rights.</summary>
public sealed class GroupPagesTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task BadInput_IsSaidOnThePage_AndChangesNothing()
    {
        var browser = await app.BrowserAsync();
        var api = await app.ApiClientAsync();
        var tag = $"{Guid.NewGuid():N}"[..6];
        var id = (int)(await (await api.PostAsJsonAsync("/api/v1/groups", new { name = $"Taken {tag}" })).Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var before = (await api.GetFromJsonAsync<JsonArray>("/api/v1/groups"))!.Count;

        var empty = await browser.PostFormAsync("/Groups", new() { ["NewName"] = "" });
        var twice = await browser.PostFormAsync("/Groups", new() { ["NewName"] = $"taken {tag}" });
        var nobody = await browser.PostFormAsync($"/Groups/Edit/{id}?handler=AddMember", new() { ["MemberEmail"] = "nobody@acme.test" }, $"/Groups/Edit/{id}");

        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("Enter a name of at most 100 characters.", WebUtility.HtmlDecode(await empty.Content.ReadAsStringAsync()));
        Assert.Contains($"Another group is already called taken {tag}.", WebUtility.HtmlDecode(await twice.Content.ReadAsStringAsync()));
        Assert.Contains("There is no user nobody@acme.test.", WebUtility.HtmlDecode(await nobody.Content.ReadAsStringAsync()));
        Assert.Equal(before, (await api.GetFromJsonAsync<JsonArray>("/api/v1/groups"))!.Count);
        Assert.Empty((await api.GetFromJsonAsync<JsonObject>($"/api/v1/groups/{id}"))!["members"]!.AsArray());
    }

    [Fact]
    public async Task SupportReadsGroups_ButCannotChangeThem_AndAgentsDoNotSeeThem()
    {
        var api = await app.ApiClientAsync();
        var id = (int)(await (await api.PostAsJsonAsync("/api/v1/groups", new { name = $"Read only {Guid.NewGuid():N}"[..20] })).Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        await app.CreateUserAsync("groups-support@acme.test", Roles.Support, "Support-Pa55word!");
        await app.CreateUserAsync("groups-agent@acme.test", Roles.Agent, "Agent-Pa55word!");
        var support = await app.BrowserAsync("groups-support@acme.test", "Support-Pa55word!");
        var agent = await app.BrowserAsync("groups-agent@acme.test", "Agent-Pa55word!");

        var page = await support.GetStringAsync($"/Groups/Edit/{id}");
        var add = await support.PostFormAsync("/Groups", new() { ["NewName"] = "Support's group" }, $"/Groups/Edit/{id}");
        var delete = await support.PostFormAsync($"/Groups/Edit/{id}?handler=Delete", [], $"/Groups/Edit/{id}");

        Assert.DoesNotContain("Delete group", page);
        Assert.StartsWith("/Account/AccessDenied", add.Headers.Location!.PathAndQuery);
        Assert.StartsWith("/Account/AccessDenied", delete.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/groups/{id}")).StatusCode);
        Assert.StartsWith("/Account/AccessDenied", (await agent.GetAsync("/Groups")).Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task TheChannelForm_SavesTheChosenGroupsAndUsers_AndAnUnknownUserIsSaidBesideTheField()
    {
        var browser = await app.BrowserAsync();
        var api = await app.ApiClientAsync();
        var tag = $"{Guid.NewGuid():N}"[..6];
        await app.CreateUserAsync($"chosen-{tag}@acme.test", Roles.Agent, "Agent-Pa55word!");
        var group = (int)(await (await api.PostAsJsonAsync("/api/v1/groups", new { name = $"Chosen {tag}" })).Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        Dictionary<string, string> Form(string users) => new()
        {
            ["Input.Name"] = $"Chosen {tag}", ["Input.Address"] = $"team-{tag}@acme.test", ["Input.IsActive"] = "true", ["Input.UsableAsSender"] = "false",
            ["Input.SenderGroups"] = $"{group}", ["SenderUsersText"] = users, ["Input.UsableAsReplyTo"] = "true", ["Input.Incoming.Protocol"] = "None",
        };

        var refused = await browser.PostFormAsync("/Channels/Edit", Form("ghost@acme.test"), "/Channels/Edit");
        var saved = await browser.PostFormAsync("/Channels/Edit", Form($"CHOSEN-{tag}@acme.test"), "/Channels/Edit");
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync(saved.Headers.Location!.ToString()));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("These are not users: ghost@acme.test.", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains($"The group Chosen {tag}; chosen-{tag}@acme.test (and admins)", page);
    }
}
