using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.Users;

namespace MailRouting.IntegrationTests.Api;

/// <summary>Only Admins and Agents send mail: every way to send, tried as each role.</summary>
public sealed class SendingRolesTests(AppFactory app) : IClassFixture<AppFactory>
{
    public static TheoryData<string> AllRoles => [Roles.Admin, Roles.Agent, Roles.Support];

    private async Task<(HttpClient Api, HttpClient Browser, string UserId, int ChannelId)> SignedInAsAsync(string role)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}"[..20] + "@acme.test";
        await app.CreateUserAsync(email, role, "Role-Pa55word!");
        var api = await app.ApiClientAsync(email, "Role-Pa55word!");
        var admin = await app.ApiClientAsync();
        var channel = await admin.PostAsJsonAsync("/api/v1/channels", new { name = email, address = "ch-" + email, displayName = "Shared" });
        var userId = (string)(await admin.GetFromJsonAsync<JsonObject>($"/api/v1/users?search={email}"))!["items"]![0]!["id"]!;
        return (api, await app.BrowserAsync(email, "Role-Pa55word!"), userId, (int)(await channel.Content.ReadFromJsonAsync<JsonObject>())!["id"]!);
    }

    private static bool Allowed(string role) => role is Roles.Admin or Roles.Agent;

    public static TheoryData<string, bool> RolesAndSenders => new()
    {
        { Roles.Admin, true }, { Roles.Admin, false }, { Roles.Agent, true }, { Roles.Agent, false }, { Roles.Support, true }, { Roles.Support, false },
    };

    [Theory]
    [MemberData(nameof(RolesAndSenders))]
    public async Task SendAsAChannelOrThemselves_IsForAdminsAndAgents(string role, bool asChannel)
    {
        var (api, _, me, channel) = await SignedInAsAsync(role);
        object from = asChannel ? new { channelId = channel } : new { userId = me };

        var response = await api.PostAsJsonAsync("/api/v1/messages", new { from, to = new[] { "c@customer.test" }, text = "Hi" });

        Assert.Equal(Allowed(role) ? HttpStatusCode.Accepted : HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(AllRoles))]
    public async Task SendABatch_IsForAdminsAndAgents(string role)
    {
        var (api, _, me, channel) = await SignedInAsAsync(role);

        var response = await api.PostAsJsonAsync("/api/v1/messages/batch", new
        {
            messages = new object[]
            {
                new { from = new { userId = me }, to = new[] { "c@customer.test" }, text = "Hi" },
                new { from = new { channelId = channel }, to = new[] { "c@customer.test" }, text = "Hi" },
            },
        });

        Assert.Equal(Allowed(role) ? HttpStatusCode.Accepted : HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(AllRoles))]
    public async Task SendATestMessageAsThemselves_IsForAdminsAndAgents(string role)
    {
        var (api, browser, _, _) = await SignedInAsAsync(role);

        var byApi = await api.PostAsJsonAsync("/api/v1/me/test", new { recipient = "c@customer.test" });
        var byPage = await browser.PostFormAsync("/Profile?handler=Test", new() { ["Recipient"] = "c@customer.test" }, formPage: "/Profile");

        Assert.Equal(Allowed(role) ? HttpStatusCode.OK : HttpStatusCode.Forbidden, byApi.StatusCode);
        if (Allowed(role))
        {
            Assert.Equal(HttpStatusCode.OK, byPage.StatusCode);
        }
        else
        {
            Assert.StartsWith("/Account/AccessDenied", byPage.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SupportReadsMessages_ButCannotRetryOrCompose()
    {
        var (api, browser, _, _) = await SignedInAsAsync(Roles.Support);

        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/messages")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsync($"/api/v1/messages/{Guid.NewGuid()}/retry", null)).StatusCode);
        Assert.StartsWith("/Account/AccessDenied", (await browser.GetAsync("/Compose")).Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    /// <summary>Support answers customers' questions about mail: they read every message and its attempts, and retry none.</summary>
    [Theory]
    [MemberData(nameof(AllRoles))]
    public async Task Reading_AMessageSomeoneElseSent_IsForAdminsAndSupport(string role)
    {
        var (api, browser, _, channel) = await SignedInAsAsync(role);
        var admin = await app.ApiClientAsync();
        var sent = await admin.PostAsJsonAsync("/api/v1/messages", new { from = new { channelId = channel }, to = new[] { "c@customer.test" }, subject = "Read me", text = "Hi" });
        var id = (string)(await sent.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;

        var viaApi = await api.GetAsync($"/api/v1/messages/{id}");
        var page = await browser.GetAsync($"/Messages/Details/{id}");
        var listed = (await api.GetFromJsonAsync<JsonObject>("/api/v1/messages?page=1"))!["items"]!.AsArray().Any(m => (string?)m!["id"] == id);
        var retry = await api.PostAsync($"/api/v1/messages/{id}/retry", null);
        // Only admins pin a certificate from a message; Support may read the page, so its form token is real.
        var trust = role == Roles.Support
            ? await browser.PostFormAsync($"/Messages/Details/{id}?handler=Trust", new() { ["fingerprint"] = new string('A', 64) }, formPage: $"/Messages/Details/{id}")
            : null;

        var reads = role is Roles.Admin or Roles.Support;
        Assert.Equal(reads ? HttpStatusCode.OK : HttpStatusCode.NotFound, viaApi.StatusCode);
        Assert.Equal(reads ? HttpStatusCode.OK : HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(reads, listed);
        Assert.NotEqual(HttpStatusCode.NoContent, retry.StatusCode);
        Assert.Equal(role == Roles.Admin ? HttpStatusCode.Conflict : HttpStatusCode.Forbidden, retry.StatusCode);
        Assert.True(trust is null || trust.Headers.Location!.PathAndQuery.StartsWith("/Account/AccessDenied", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(AllRoles))]
    public async Task RetryingFailedMessagesInBulk_IsForAdmins(string role)
    {
        var (api, browser, _, channel) = await SignedInAsAsync(role);

        var viaApi = await api.PostAsync($"/api/v1/channels/{channel}/retry-failed", null);
        // Support may open the channel's page (so the form's token is real); Agents are turned away before any handler runs.
        var page = $"/Channels/Details/{channel}";
        var viaPage = role == Roles.Agent
            ? await browser.PostAsync($"{page}?handler=RetryFailed", new FormUrlEncodedContent([]))
            : await browser.PostFormAsync($"{page}?handler=RetryFailed", [], formPage: page);

        Assert.Equal(role == Roles.Admin ? HttpStatusCode.OK : HttpStatusCode.Forbidden, viaApi.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, viaPage.StatusCode);
        var location = viaPage.Headers.Location!;
        var path = location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
        Assert.Equal(role == Roles.Admin ? $"/Channels/Details/{channel}" : "/Account/AccessDenied", path.Split('?')[0]);
    }
}
