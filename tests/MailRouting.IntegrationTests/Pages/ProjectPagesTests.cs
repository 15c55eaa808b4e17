using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.Users;

namespace MailRouting.IntegrationTests.Pages;

/// <summary>The project pages per role, their refusals in words, and Compose in a project.</summary>
public sealed class ProjectPagesTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task BadInput_IsSaidOnThePage_AndChangesNothing_AndSupportOnlyReads()
    {
        var browser = await app.BrowserAsync();
        var api = await app.ApiClientAsync();
        var tag = $"{Guid.NewGuid():N}"[..6];
        await api.PostAsJsonAsync("/api/v1/projects", new { name = $"Taken {tag}" });
        await app.CreateUserAsync($"project-support-{tag}@acme.test", Roles.Support, "Support-Pa55word!");
        var support = await app.BrowserAsync($"project-support-{tag}@acme.test", "Support-Pa55word!");
        var before = (await api.GetFromJsonAsync<JsonArray>("/api/v1/projects"))!.Count;

        var twice = await browser.PostFormAsync("/Projects/Edit", new() { ["Input.Name"] = $"TAKEN {tag}", ["MemberUsersText"] = "" });
        var ghost = await browser.PostFormAsync("/Projects/Edit", new() { ["Input.Name"] = $"New {tag}", ["MemberUsersText"] = "ghost@acme.test" });
        var bySupport = await support.PostFormAsync("/Projects/Edit", new() { ["Input.Name"] = $"Support's {tag}" }, "/Projects");

        Assert.Contains($"Another project is already called TAKEN {tag}.", WebUtility.HtmlDecode(await twice.Content.ReadAsStringAsync()));
        Assert.Contains("These are not users: ghost@acme.test.", WebUtility.HtmlDecode(await ghost.Content.ReadAsStringAsync()));
        Assert.StartsWith("/Account/AccessDenied", bySupport.Headers.Location!.PathAndQuery);
        Assert.Equal(before, (await api.GetFromJsonAsync<JsonArray>("/api/v1/projects"))!.Count);
        Assert.DoesNotContain("Add a project", await support.GetStringAsync("/Projects"));
    }

    [Fact]
    public async Task Compose_InAProject_OffersOnlyItsChannels_AndPreselectsItsSender_ForMembersOnly()
    {
        var api = await app.ApiClientAsync();
        var tag = $"{Guid.NewGuid():N}"[..6];
        await app.CreateUserAsync($"member-{tag}@acme.test", Roles.Agent, "Agent-Pa55word!");
        await app.CreateUserAsync($"outside-{tag}@acme.test", Roles.Agent, "Agent-Pa55word!");
        var project = (int)(await (await api.PostAsJsonAsync("/api/v1/projects", new { name = $"Brand {tag}", memberUsers = new[] { $"member-{tag}@acme.test" } }))
            .Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var own = (int)(await (await api.PostAsJsonAsync("/api/v1/channels", new { name = $"Own {tag}", address = $"own-{tag}@acme.test", projects = new[] { project } }))
            .Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var other = await api.PostAsJsonAsync("/api/v1/projects", new { name = $"Other {tag}" });
        var otherId = (int)(await other.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        await api.PostAsJsonAsync("/api/v1/channels", new { name = $"Foreign {tag}", address = $"foreign-{tag}@acme.test", projects = new[] { otherId } });
        await api.PutAsJsonAsync($"/api/v1/projects/{project}", new { name = $"Brand {tag}", defaultSenderChannelId = own, memberUsers = new[] { $"member-{tag}@acme.test" } });
        var member = await app.BrowserAsync($"member-{tag}@acme.test", "Agent-Pa55word!");
        var outside = await app.BrowserAsync($"outside-{tag}@acme.test", "Agent-Pa55word!");

        var inProject = await member.GetStringAsync($"/Compose?projectId={project}");
        var notMember = await outside.GetStringAsync($"/Compose?projectId={project}");

        Assert.Contains($"<option value=\"channel:{own}\" selected=\"selected\">", inProject);
        Assert.DoesNotContain($"foreign-{tag}@acme.test", inProject);
        Assert.DoesNotContain($"Brand {tag}</option>", notMember);
        Assert.DoesNotContain($"name=\"ProjectId\" value=\"{project}\"", notMember);
    }
}
