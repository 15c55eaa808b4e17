using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MailRouting.IntegrationTests.Pages;

public sealed class ProfilePagesTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<string> AgentWithOverrideAsync(string email)
    {
        var admin = await app.ApiClientAsync();
        var server = await admin.PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name = "Profile server " + email, host = "smtp.acme.test", security = "StartTls", authMethod = "Plain", username = "relay@acme.test", password = "relay-pw",
        });
        var serverId = (int)(await server.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var created = await admin.PostAsJsonAsync("/api/v1/users", new { email, displayName = "Jane Agent", role = "Agent", password = "Agent-Pa55word!" });
        var id = (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        await admin.PutAsJsonAsync($"/api/v1/users/{id}", new { serverId, overrideCredentials = true });
        return id;
    }

    private async Task<string?> StoredPasswordAsync(string id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MailRoutingDbContext>().Users.Where(u => u.Id == id).Select(u => u.ProtectedSmtpPassword).SingleAsync();
    }

    [Fact]
    public async Task Agent_SeesTheBanner_SetsThePassword_AndTheExplanationShowsTheirOwnAddress()
    {
        var id = await AgentWithOverrideAsync("jane@acme.test");
        var agent = await app.BrowserAsync("jane@acme.test", "Agent-Pa55word!");

        var home = await agent.GetStringAsync("/");
        var saved = await agent.PostFormAsync("/Profile?handler=Password", new() { ["SmtpUsername"] = "", ["Password"] = "Jane-Mail-Secret-7" }, formPage: "/Profile");
        var profile = WebUtility.HtmlDecode(await agent.GetStringAsync("/Profile"));

        Assert.Contains("No email password is configured for your email account", home);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.DoesNotContain("No email password is configured for your email account", profile);
        Assert.Contains("Mail goes out via Profile server jane@acme.test, signed in as jane@acme.test, From: Jane Agent <jane@acme.test>", profile);
        Assert.DoesNotContain("Jane-Mail-Secret-7", profile);
        Assert.NotNull(await StoredPasswordAsync(id));
        Assert.DoesNotContain("Jane-Mail-Secret-7", app.LogText());
    }

    [Fact]
    public async Task Agent_CannotReachAdminPages_AndTheFormCannotTargetAnotherUser()
    {
        var victim = await AgentWithOverrideAsync("victim@acme.test");
        await AgentWithOverrideAsync("mallory@acme.test");
        var mallory = await app.BrowserAsync("mallory@acme.test", "Agent-Pa55word!");

        var servers = await mallory.GetAsync("/SmtpServers");
        var channels = await mallory.GetAsync("/Channels");
        await mallory.PostFormAsync($"/Profile?handler=Password&id={victim}", new() { ["Password"] = "Hijack-1", ["Id"] = victim, ["UserId"] = victim }, formPage: "/Profile");

        Assert.StartsWith("/Account/AccessDenied", servers.Headers.Location!.PathAndQuery);
        Assert.StartsWith("/Account/AccessDenied", channels.Headers.Location!.PathAndQuery);
        Assert.Null(await StoredPasswordAsync(victim));
    }
}
