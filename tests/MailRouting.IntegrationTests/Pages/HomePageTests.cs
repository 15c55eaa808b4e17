using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.Users;

namespace MailRouting.IntegrationTests.Pages;

/// <summary>The home page lists what needs action first, each item linking to where it is fixed; agents see none of it.</summary>
public sealed class HomePageTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task FailedServerTests_AndUsersWithoutTheirPassword_AreListedWithLinks()
    {
        var admin = await app.ApiClientAsync();
        var tag = $"h{Guid.NewGuid():N}"[..9];
        var created = await admin.PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name = $"Broken {tag}", host = "127.0.0.1", port = 1, security = "None", authMethod = "Plain", username = $"{tag}@acme.test", password = "x", timeoutSeconds = 2,
        });
        var serverId = (int)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        await admin.PostAsJsonAsync($"/api/v1/smtp-servers/{serverId}/test", new { });
        await app.CreateUserAsync($"{tag}@acme.test", Roles.Agent, "Agent-Pa55word!");
        var userId = (string)(await admin.GetFromJsonAsync<JsonObject>($"/api/v1/users?search={tag}"))!["items"]![0]!["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/users/{userId}", new { serverId, overrideCredentials = true })).StatusCode);
        await app.CreateUserAsync($"support-{tag}@acme.test", Roles.Support, "Support-Pa55word!");

        var home = WebUtility.HtmlDecode(await (await app.BrowserAsync()).GetStringAsync("/"));
        var support = WebUtility.HtmlDecode(await (await app.BrowserAsync($"support-{tag}@acme.test", "Support-Pa55word!")).GetStringAsync("/"));
        var agent = WebUtility.HtmlDecode(await (await app.BrowserAsync($"{tag}@acme.test", "Agent-Pa55word!")).GetStringAsync("/"));

        Assert.Contains($"<a href=\"/SmtpServers/Details/{serverId}\">The last test of the server Broken {tag} failed (ConnectionRefused).</a>", home);
        Assert.Matches(@"<a href=""/Users"">\d+ users? signs? in with their own login but set no password yet", home);
        Assert.True(home.IndexOf("Needs action", StringComparison.Ordinal) < home.IndexOf("Delivery status", StringComparison.Ordinal));
        Assert.Contains($"The last test of the server Broken {tag} failed", support);
        Assert.DoesNotContain("Needs action", agent);
        // The agent's own mail cannot go out (their login has no password): the home page says why and how to fix it.
        Assert.Contains("<h2 id=\"own-mail-heading\">Your mail</h2>", agent);
        Assert.Contains("<strong>How to fix it:</strong>", agent);
        Assert.Contains("You have not sent a message yet.", agent);
        Assert.Contains("<a href=\"/Messages?status=Sent\">Sent: ", home);
    }

    [Fact]
    public async Task AServerFallingBehindItsSendingLimit_IsListed()
    {
        var admin = await app.ApiClientAsync();
        var tag = $"b{Guid.NewGuid():N}"[..9];
        var created = await admin.PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name = $"Slow {tag}", host = "127.0.0.1", port = 1, security = "None", authMethod = "None", senderAddress = $"{tag}@acme.test",
            timeoutSeconds = 2, maxMessagesPerMinute = 1,
        });
        var serverId = (int)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var channel = await admin.PostAsJsonAsync("/api/v1/channels", new { name = $"Slow {tag}", address = $"{tag}@acme.test", serverId });
        var channelId = (int)(await channel.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var messages = Enumerable.Range(0, 6).Select(i => new { from = new { channelId }, to = new[] { "c@customer.test" }, subject = $"{i}", text = "x" });
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsJsonAsync("/api/v1/messages/batch", new { messages })).StatusCode);

        var home = WebUtility.HtmlDecode(await (await app.BrowserAsync()).GetStringAsync("/"));

        Assert.Contains($"<a href=\"/SmtpServers/Details/{serverId}\">The server Slow {tag} has 6 messages waiting and sends at most 1 a minute", home);
    }
}
