using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.IntegrationTests.Mta;
using MailRouting.TestAuthServer;

namespace MailRouting.IntegrationTests.OAuth;

/// <summary>
/// The OAuth2 set-up the tests share: an OAuth app for the test authorization server, a server at Postfix that signs in
/// with it, channels on that server, and connecting a mailbox through the provider's real sign-in and consent.
/// </summary>
/// <param name="browser">Signs a browser in to the app (email, password), as the person coming back from the provider is.</param>
public sealed partial class OAuthScenario(Func<string, string, Task<HttpClient>> browser, MtaFixture mta, HttpClient admin)
{
    public HttpClient Admin => admin;

    public static async Task<OAuthScenario> StartAsync(AppFactory app, MtaFixture mta) => new(app.BrowserAsync, mta, await app.ApiClientAsync());

    /// <returns>The id of a server that signs in as <paramref name="login"/> with OAuth2.</returns>
    /// <param name="appId">The OAuth app; a new one when not given.</param>
    public async Task<int> ServerAsync(string login, int? appId = null) =>
        await CreatedAsync("/api/v1/smtp-servers", new
        {
            name = $"OAuth server {Guid.NewGuid():N}", host = MtaFixture.Host, port = mta.SubmissionPort,
            security = "StartTls", authMethod = "OAuth2", oauthAppId = appId ?? await AppAsync(), username = login,
            pinnedCertificateSha256 = mta.CertificateSha256, timeoutSeconds = 5,
        });

    /// <summary>A server that sends through the Graph stand-in, over plain http on loopback.</summary>
    /// <param name="login">The connected mailbox (delegated); null: the app's own permission, as each allowed
    /// mailbox.</param>
    /// <param name="senderAddress">The server's own address, which with the app's permission is also a mailbox it
    /// sends as.</param>
    /// <param name="appId">The OAuth app; a new one when not given.</param>
    /// <param name="fallbackServerId">The server its messages move to when it refuses the way it signs in.</param>
    public Task<int> GraphServerAsync(string? login, string senderAddress, string[] sendAs, int? appId = null,
        int? fallbackServerId = null) =>
        ApiServerAsync("MicrosoftGraph", mta.Graph.BaseAddress, login, senderAddress, sendAs, appId, fallbackServerId);

    /// <summary>The test Postfix's submission port, signing in with a password as <paramref name="account"/>.</summary>
    public async Task<int> PostfixServerAsync((string Login, string Password) account, string name = "Postfix") =>
        await CreatedAsync("/api/v1/smtp-servers", new
        {
            name, host = MtaFixture.Host, port = mta.SubmissionPort, security = "StartTls", authMethod = "Plain",
            username = account.Login, password = account.Password, pinnedCertificateSha256 = mta.CertificateSha256,
        });

    /// <summary>
    /// A server that sends through the Gmail API stand-in as the connected mailbox <paramref name="login"/>.
    /// </summary>
    public Task<int> GmailServerAsync(string login) =>
        ApiServerAsync("GmailApi", mta.Gmail.BaseAddress, login, login, []);

    private async Task<int> ApiServerAsync(string transport, Uri api, string? login, string senderAddress,
        string[] sendAs, int? appId = null, int? fallbackServerId = null) =>
        await CreatedAsync("/api/v1/smtp-servers", new
        {
            name = $"{transport} {Guid.NewGuid():N}", transport, host = api.Host, port = api.Port, security = "None",
            authMethod = login is null ? "OAuth2App" : "OAuth2", oauthAppId = appId ?? await AppAsync(),
                username = login, senderAddress,
            sendAs, timeoutSeconds = 10, fallbackServerId,
        });

    /// <summary>An OAuth app at the test authorization server.</summary>
    public async Task<int> AppAsync() => await CreatedAsync("/api/v1/oauth-apps", new
    {
        name = $"Test provider {Guid.NewGuid():N}", provider = "Other", issuer = mta.Authorization.Issuer.ToString(),
        clientId = TestAuthorizationServer.ClientId, clientSecret = TestAuthorizationServer.ClientSecret,
        scopes = $"openid email offline_access {TestAuthorizationServer.MailScope}",
    });

    private async Task<int> CreatedAsync(string path, object body)
    {
        var created = await admin.PostAsJsonAsync(path, body);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (int)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    public Task<int> ChannelAsync(string address, int serverId, bool ownLogin = false) =>
        CreatedAsync("/api/v1/channels", new { name = address, address, displayName = "Acme", serverId,
            overrideCredentials = ownLogin });

    /// <returns>The new user's id; they send through <paramref name="serverId"/> with a login of their own.</returns>
    public async Task<string> AgentWithOwnLoginAsync(string email, string password, int serverId)
    {
        var user = await admin.PostAsJsonAsync("/api/v1/users", new { email, displayName = "Jane Agent", role = "Agent", password });
        var id = (string)(await user.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/users/{id}", new { serverId, overrideCredentials = true })).StatusCode);
        return id;
    }

    /// <summary>Sends one message as <paramref name="from"/> (a mailbox the provider revoked) and waits until it is held for a reconnect.</summary>
    /// <returns>The message's id.</returns>
    public static async Task<string> HeldForReconnectAsync(HttpClient sender, object from)
    {
        var sent = await sender.PostAsJsonAsync("/api/v1/messages", new { from, to = new[] { MtaFixture.UniqueRecipient() }, subject = "Held", text = "x" });
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var id = (string)(await sent.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        await Eventually.MessageAsync(sender, id, m => m["attempts"]!.AsArray().Any(a => (string?)a!["diagnosticCode"] == "OAuthReconnectNeeded"));
        return id;
    }

    /// <summary>
    /// Starts a connection through the API, signs in and allows at the provider, and opens the callback in a browser signed in
    /// here as the person who started it.
    /// </summary>
    /// <param name="caller">Who starts it, through the API: the admin unless given, with <paramref name="starter"/>'s sign-in.</param>
    /// <returns>The sentence the callback page showed.</returns>
    public async Task<string> ConnectAsync(string path, (string Login, string Password) account, HttpClient? caller = null,
        (string Email, string Password)? starter = null) => (await ConnectAndReloadAsync(path, account, caller, starter, reload: false)).First;

    /// <summary>Connects as <see cref="ConnectAsync"/> does, then opens the same callback address again, as a reload would.</summary>
    /// <returns>The sentences the callback page showed the first time and the second.</returns>
    public async Task<(string First, string Second)> ConnectAndReloadAsync(string path, (string Login, string Password) account, HttpClient? caller = null,
        (string Email, string Password)? starter = null, bool reload = true)
    {
        var started = await (caller ?? admin).PostAsync(path, null);
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var authorization = new Uri((string)(await started.Content.ReadFromJsonAsync<JsonObject>())!["authorizationUrl"]!);
        using var signedIn = await browser(starter?.Email ?? AppFactory.AdminEmail, starter?.Password ?? AppFactory.AdminPassword);
        var callback = await ProviderConsent.SignInAndAllowAsync(authorization, account.Login, account.Password);
        var first = await OutcomeAsync(signedIn, callback);
        return (first, reload ? await OutcomeAsync(signedIn, callback) : "");
    }

    /// <summary>Starts a connection with a page's Connect link, as <paramref name="browser"/>, and comes back signed in.</summary>
    public static async Task<string> ConnectOnPageAsync(HttpClient browser, string page, (string Login, string Password) account)
    {
        var started = await browser.GetAsync($"{page}?handler=Connect");
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        return await ConsentAsync(started.Headers.Location!, account, browser);
    }

    private static async Task<string> ConsentAsync(Uri authorization, (string Login, string Password) account, HttpClient browser) =>
        await OutcomeAsync(browser, await ProviderConsent.SignInAndAllowAsync(authorization, account.Login, account.Password));

    private static async Task<string> OutcomeAsync(HttpClient browser, Uri callback)
    {
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync(callback.PathAndQuery));
        return OutcomeText().Match(page).Groups[1].Value;
    }

    [System.Text.RegularExpressions.GeneratedRegex("id=\"oauth-outcome\">([^<]*)<", System.Text.RegularExpressions.RegexOptions.None, 1000)]
    private static partial System.Text.RegularExpressions.Regex OutcomeText();
}
