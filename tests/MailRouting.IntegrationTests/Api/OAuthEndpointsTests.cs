using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.Data;
using MailRouting.OAuth;
using MailRouting.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MailRouting.IntegrationTests.Api;

/// <summary>
/// OAuth apps and connecting mailboxes, per role and with bad input. A Microsoft 365 app needs no network to start a
/// connection (its endpoints are known), so these run without the test provider.
/// </summary>
public sealed class OAuthEndpointsTests(AppFactory app) : IClassFixture<AppFactory>
{
    public static TheoryData<string> AllRoles => [Roles.Admin, Roles.Agent, Roles.Support];

    private const string Secret = "client-secret-never-shown-5";

    private async Task<HttpClient> AsAsync(string role)
    {
        if (role == Roles.Admin)
        {
            return await app.ApiClientAsync();
        }

        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}"[..20] + "@acme.test";
        await app.CreateUserAsync(email, role, "Role-Pa55word!");
        return await app.ApiClientAsync(email, "Role-Pa55word!");
    }

    /// <returns>An OAuth2 server on a Microsoft 365 app, and a channel with its own login on it.</returns>
    private Task<(int App, int Server, int Channel)> OAuthServerAsync() => OAuthServerAsync(app);

    private static async Task<(int App, int Server, int Channel)> OAuthServerAsync(AppFactory app)
    {
        var admin = await app.ApiClientAsync();
        var created = await admin.PostAsJsonAsync("/api/v1/oauth-apps", new
        {
            name = $"M365 {Guid.NewGuid():N}", provider = "Microsoft365", tenant = "contoso.onmicrosoft.com", clientId = "11111111-2222-3333-4444-555555555555", clientSecret = Secret,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var appId = (int)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var server = await admin.PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name = $"Office {Guid.NewGuid():N}", host = "smtp.office365.com", port = 587, security = "StartTls", authMethod = "OAuth2", oauthAppId = appId, username = "relay@contoso.test",
        });
        Assert.Equal(HttpStatusCode.Created, server.StatusCode);
        var serverId = (int)(await server.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var channel = await admin.PostAsJsonAsync("/api/v1/channels", new
        {
            name = $"Support {Guid.NewGuid():N}", address = $"support-{Guid.NewGuid():N}@contoso.test", serverId, overrideCredentials = true,
        });
        Assert.Equal(HttpStatusCode.Created, channel.StatusCode);
        return (appId, serverId, (int)(await channel.Content.ReadFromJsonAsync<JsonObject>())!["id"]!);
    }

    [Theory]
    [MemberData(nameof(AllRoles))]
    public async Task OAuthApps_AreForAdminsOnly_AndNeverShowTheSecret(string role)
    {
        var (appId, _, _) = await OAuthServerAsync();
        var caller = await AsAsync(role);

        var list = await caller.GetAsync("/api/v1/oauth-apps");
        var one = await caller.GetAsync($"/api/v1/oauth-apps/{appId}");
        var create = await caller.PostAsJsonAsync("/api/v1/oauth-apps", new { name = $"G {Guid.NewGuid():N}", provider = "Google", clientId = "id", clientSecret = "s" });
        var delete = await caller.DeleteAsync($"/api/v1/oauth-apps/{appId}");

        var expected = role == Roles.Admin;
        Assert.Equal(expected ? HttpStatusCode.OK : HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(expected ? HttpStatusCode.OK : HttpStatusCode.Forbidden, one.StatusCode);
        Assert.Equal(expected ? HttpStatusCode.Created : HttpStatusCode.Forbidden, create.StatusCode);
        // In use by a server: refused with the server's name, for the admin.
        Assert.Equal(expected ? HttpStatusCode.Conflict : HttpStatusCode.Forbidden, delete.StatusCode);
        if (expected)
        {
            var shown = await one.Content.ReadAsStringAsync() + await list.Content.ReadAsStringAsync();
            Assert.DoesNotContain(Secret, shown);
            Assert.True((bool)(await caller.GetFromJsonAsync<JsonObject>($"/api/v1/oauth-apps/{appId}"))!["hasClientSecret"]!);
        }
    }

    [Fact]
    public async Task OAuthApps_WithoutABearer_Are401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/oauth-apps")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsync("/api/v1/me/oauth/connect", null)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(AllRoles))]
    public async Task ConnectingAServersOrAChannelsMailbox_IsForAdminsOnly(string role)
    {
        var (_, server, channel) = await OAuthServerAsync();
        var caller = await AsAsync(role);

        var forServer = await caller.PostAsync($"/api/v1/smtp-servers/{server}/oauth/connect", null);
        var forChannel = await caller.PostAsync($"/api/v1/channels/{channel}/oauth/connect", null);
        var disconnect = await caller.DeleteAsync($"/api/v1/smtp-servers/{server}/oauth");

        if (role != Roles.Admin)
        {
            Assert.All([forServer, forChannel, disconnect], r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
            return;
        }

        Assert.Equal(HttpStatusCode.NotFound, disconnect.StatusCode);
        var url = (string)(await forServer.Content.ReadFromJsonAsync<JsonObject>())!["authorizationUrl"]!;
        Assert.StartsWith("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize?", url);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(url).Query);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal(43, query["code_challenge"].ToString().Length);
        Assert.Equal("openid email offline_access https://outlook.office.com/SMTP.Send https://outlook.office.com/IMAP.AccessAsUser.All", query["scope"]);
        Assert.Equal("relay@contoso.test", query["login_hint"]);
        Assert.Equal("http://localhost/oauth/callback", query["redirect_uri"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal(HttpStatusCode.OK, forChannel.StatusCode);
    }

    [Fact]
    public async Task Connect_BuildsTheCallbackFromPublicUrl_NeverFromTheHostHeader()
    {
        var (_, server, _) = await OAuthServerAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/smtp-servers/{server}/oauth/connect");
        request.Headers.Host = "evil.test";

        var started = await (await app.ApiClientAsync()).SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var answer = (await started.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("http://localhost/oauth/callback", (string?)answer["redirectUri"]);
        Assert.Equal("http://localhost/oauth/callback",
            Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri((string)answer["authorizationUrl"]!).Query)["redirect_uri"]);
    }

    [Fact]
    public async Task Connect_WithoutAPublicUrl_IsRefusedSayingWhatToSet()
    {
        await using var unset = AppFactory.With(new Dictionary<string, string> { ["PublicUrl"] = "" });
        await unset.InitializeAsync();
        var (_, server, _) = await OAuthServerAsync(unset);

        var started = await (await unset.ApiClientAsync()).PostAsync($"/api/v1/smtp-servers/{server}/oauth/connect", null);
        var page = WebUtility.HtmlDecode(await (await unset.BrowserAsync()).GetStringAsync("/OAuthApps"));

        Assert.Equal(HttpStatusCode.Conflict, started.StatusCode);
        Assert.Contains("set PublicUrl", (string?)(await started.Content.ReadFromJsonAsync<JsonObject>())!["detail"], StringComparison.Ordinal);
        Assert.Contains("set PublicUrl", page, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AllRoles))]
    public async Task ConnectingOnesOwnMailbox_IsForAdminsAndAgents(string role)
    {
        var (_, server, _) = await OAuthServerAsync();
        var caller = await AsAsync(role);
        var me = (string)(await caller.GetFromJsonAsync<JsonObject>("/api/v1/me"))!["user"]!["id"]!;
        var admin = await app.ApiClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/users/{me}", new { serverId = server, overrideCredentials = true })).StatusCode);

        var started = await caller.PostAsync("/api/v1/me/oauth/connect", null);

        Assert.Equal(role == Roles.Support ? HttpStatusCode.Forbidden : HttpStatusCode.OK, started.StatusCode);
    }

    public static TheoryData<string, string> BadApps => new()
    {
        { """{"name":"x","provider":"Other","clientId":"id"}""", "issuer" },
        { """{"name":"x","provider":"Other","clientId":"id","issuer":"http://idp.example.com"}""", "issuer" },
        { """{"name":"x","provider":"Other","clientId":"id","authorizationEndpoint":"https://idp.example.com/a","tokenEndpoint":"ftp://idp.example.com/t"}""", "tokenEndpoint" },
        { """{"name":"x","provider":"Microsoft365","clientId":"id"}""", "clientSecret" },
        { """{"name":"x","provider":"Microsoft365","clientId":"id","clientSecret":"s","tenant":"a/b"}""", "tenant" },
        { """{"name":"","provider":"Google","clientId":"","clientSecret":"s"}""", "name" },
    };

    [Theory]
    [MemberData(nameof(BadApps))]
    public async Task CreateApp_BadInput_Is400ForTheField_AndStoresNothing(string body, string field)
    {
        var admin = await app.ApiClientAsync();
        var before = (await admin.GetFromJsonAsync<JsonArray>("/api/v1/oauth-apps"))!.Count;

        var response = await admin.PostAsync("/api/v1/oauth-apps", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]![field] is not null, await response.Content.ReadAsStringAsync());
        Assert.Equal(before, (await admin.GetFromJsonAsync<JsonArray>("/api/v1/oauth-apps"))!.Count);
    }

    [Fact]
    public async Task CreateApp_UnknownProvider_Is400()
    {
        var response = await (await app.ApiClientAsync()).PostAsync("/api/v1/oauth-apps",
            new StringContent("""{"name":"x","provider":"Yahoo","clientId":"id"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task OAuth2Server_WithoutAnApp_WithAnUnknownApp_OrWithAPassword_Is400()
    {
        var admin = await app.ApiClientAsync();
        object Server(object? oauthAppId, string? password) => new
        {
            name = $"S {Guid.NewGuid():N}", host = "smtp.office365.com", security = "StartTls", authMethod = "OAuth2", oauthAppId, username = "a@contoso.test", password,
        };
        var (appId, _, _) = await OAuthServerAsync();

        var without = await admin.PostAsJsonAsync("/api/v1/smtp-servers", Server(null, null));
        var unknown = await admin.PostAsJsonAsync("/api/v1/smtp-servers", Server(987654, null));
        var withPassword = await admin.PostAsJsonAsync("/api/v1/smtp-servers", Server(appId, "secret"));

        Assert.All([without, unknown, withPassword], r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.NotNull((await without.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["oauthAppId"]);
        Assert.NotNull((await unknown.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["oauthAppId"]);
        Assert.NotNull((await withPassword.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["password"]);
    }

    [Fact]
    public async Task Connect_APasswordServer_Is409_AndAMissingOne404()
    {
        var admin = await app.ApiClientAsync();
        var created = await admin.PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name = $"P {Guid.NewGuid():N}", host = "smtp.acme.test", security = "StartTls", authMethod = "Plain", username = "a@acme.test", password = "p",
        });
        var id = (int)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;

        var password = await admin.PostAsync($"/api/v1/smtp-servers/{id}/oauth/connect", null);
        var missing = await admin.PostAsync("/api/v1/smtp-servers/987654/oauth/connect", null);

        Assert.Equal(HttpStatusCode.Conflict, password.StatusCode);
        Assert.Contains("does not sign in with OAuth2", (string?)(await password.Content.ReadFromJsonAsync<JsonObject>())!["detail"]);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Theory]
    [InlineData("/oauth/callback")]
    [InlineData("/oauth/callback?code=abc&state=forged")]
    [InlineData("/oauth/callback?error=access_denied&state=forged")]
    public async Task Callback_WithAForgedOrMissingState_SaysSoAndStoresNothing(string path)
    {
        var response = await (await app.BrowserAsync()).GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("has expired or was not started here", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Callback_InABrowserNotSignedIn_SignsInFirst_AndComesBack()
    {
        var (_, server, _) = await OAuthServerAsync();
        var started = await (await app.ApiClientAsync()).PostAsync($"/api/v1/smtp-servers/{server}/oauth/connect", null);
        var state = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri((string)(await started.Content.ReadFromJsonAsync<JsonObject>())!["authorizationUrl"]!).Query)["state"];
        var callback = $"/oauth/callback?code=any&state={Uri.EscapeDataString(state!)}";
        using var anonymous = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await anonymous.GetAsync(callback);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login", response.Headers.Location!.AbsolutePath);
        Assert.Equal(callback, Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(response.Headers.Location.Query)["ReturnUrl"]);
        Assert.Equal("NotConnected", (string?)(await (await app.ApiClientAsync()).GetFromJsonAsync<JsonObject>($"/api/v1/smtp-servers/{server}"))!["oauth"]!["status"]);
    }

    [Fact]
    public async Task Callback_InABrowserSignedInAsSomeoneElse_IsRefused()
    {
        var (_, server, _) = await OAuthServerAsync();
        var started = await (await app.ApiClientAsync()).PostAsync($"/api/v1/smtp-servers/{server}/oauth/connect", null);
        var url = (string)(await started.Content.ReadFromJsonAsync<JsonObject>())!["authorizationUrl"]!;
        var state = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(url).Query)["state"].ToString();
        await app.CreateUserAsync("other-browser@acme.test", Roles.Agent, "Agent-Pa55word!");
        var agent = await app.BrowserAsync("other-browser@acme.test", "Agent-Pa55word!");

        var page = WebUtility.HtmlDecode(await agent.GetStringAsync($"/oauth/callback?code=any&state={Uri.EscapeDataString(state)}"));

        Assert.Contains("This connection was started by someone else", page);
        Assert.Equal("NotConnected", (string?)(await (await app.ApiClientAsync()).GetFromJsonAsync<JsonObject>($"/api/v1/smtp-servers/{server}"))!["oauth"]!["status"]);
    }

    [Fact]
    public async Task SwitchingAPasswordServerToOAuth2_KeepsItsChannels_AndDropsThePassword()
    {
        var admin = await app.ApiClientAsync();
        var (appId, _, _) = await OAuthServerAsync();
        var created = await admin.PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name = $"Was password {Guid.NewGuid():N}", host = "smtp.office365.com", security = "StartTls", authMethod = "Login", username = "team@contoso.test", password = "old-password",
        });
        var server = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        var id = (int)server["id"]!;
        var channel = await admin.PostAsJsonAsync("/api/v1/channels", new { name = $"Team {Guid.NewGuid():N}", address = $"team-{Guid.NewGuid():N}@contoso.test", serverId = id });
        var channelId = (int)(await channel.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;

        var switched = await admin.PutAsJsonAsync($"/api/v1/smtp-servers/{id}", new
        {
            name = (string)server["name"]!, host = "smtp.office365.com", security = "StartTls", authMethod = "OAuth2", oauthAppId = appId, username = "team@contoso.test",
            version = (string)server["version"]!,
        });

        Assert.Equal(HttpStatusCode.OK, switched.StatusCode);
        var now = (await switched.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.False((bool)now["hasPassword"]!);
        Assert.Equal("NotConnected", (string?)now["oauth"]!["status"]);
        Assert.Equal(id, (int?)(await admin.GetFromJsonAsync<JsonObject>($"/api/v1/channels/{channelId}"))!["serverId"]);
    }

    [Fact]
    public async Task Tokens_GoWithTheirLogin_WhenItChangesOrIsDeleted()
    {
        var (_, server, channel) = await OAuthServerAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MailRoutingDbContext>();
            var appId = (await db.SmtpServers.SingleAsync(s => s.Id == server)).OAuthAppId!.Value;
            foreach (var (owner, id) in new[] { (GrantOwner.Server, $"{server}"), (GrantOwner.Channel, $"{channel}") })
            {
                db.OAuthGrants.Add(new OAuthGrant { Owner = owner, OwnerId = id, AppId = appId, Account = "x@contoso.test", ProtectedRefreshToken = "protected" });
            }

            await db.SaveChangesAsync();
        }

        var admin = await app.ApiClientAsync();
        var current = (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/smtp-servers/{server}"))!;
        var changed = await admin.PutAsJsonAsync($"/api/v1/smtp-servers/{server}", new
        {
            name = (string)current["name"]!, host = "smtp.office365.com", security = "StartTls", authMethod = "OAuth2", oauthAppId = (int)current["oauthAppId"]!,
            username = "someone-else@contoso.test", version = (string)current["version"]!,
        });
        var deleted = await admin.DeleteAsync($"/api/v1/channels/{channel}");

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await using var check = app.Services.CreateAsyncScope();
        var left = await check.ServiceProvider.GetRequiredService<MailRoutingDbContext>().OAuthGrants
            .CountAsync(g => (g.Owner == GrantOwner.Server && g.OwnerId == $"{server}") || (g.Owner == GrantOwner.Channel && g.OwnerId == $"{channel}"));
        Assert.Equal(0, left);
    }
}
