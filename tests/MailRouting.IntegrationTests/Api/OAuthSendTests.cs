using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.IntegrationTests.Mta;
using MailRouting.IntegrationTests.OAuth;
using MailRouting.TestAuthServer;

namespace MailRouting.IntegrationTests.Api;

/// <summary>
/// OAuth2 end to end: an OAuth app for the test authorization server (OpenIddict), a server that signs in with OAuth2,
/// the consent at the provider, and mail through Postfix, whose Dovecot checks each token by introspection.
/// </summary>
[Collection(MtaGroup.Name)]
public sealed class OAuthSendTests(MtaFixture mta) : IAsyncLifetime
{
    private readonly AppFactory app = new();
    private HttpClient api = null!;

    public async Task InitializeAsync()
    {
        await app.InitializeAsync();
        api = await app.ApiClientAsync();
    }

    public Task DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task ConnectServer_ThroughTheConsentPage_ThenSend_SignsInWithXoauth2AsTheConsentedAccount()
    {
        var server = await OAuthServerAsync(MtaFixture.Relay.Login);
        var channel = await ChannelAsync("relay@acme.test", server);
        var exchanges = mta.Authorization.TokenRequests.CodeExchanges;

        var outcome = await ConnectAsync($"/api/v1/smtp-servers/{server}/oauth/connect", MtaFixture.Relay);
        var shown = (await api.GetFromJsonAsync<JsonObject>($"/api/v1/smtp-servers/{server}"))!["oAuth"]!;
        var recipient = MtaFixture.UniqueRecipient();
        var accepted = await api.PostAsJsonAsync("/api/v1/messages", Message(channel, recipient));
        var sent = await Eventually.MessageAsync(api, (string)(await accepted.Content.ReadFromJsonAsync<JsonObject>())!["id"]!, m => (string?)m["status"] is "Sent" or "Failed");

        Assert.Contains("Connected relay@acme.test", outcome);
        Assert.Equal(exchanges + 1, mta.Authorization.TokenRequests.CodeExchanges);
        Assert.Equal("Connected", (string?)shown["status"]);
        Assert.Equal("relay@acme.test", (string?)shown["account"]);
        Assert.Equal("Sent", (string?)sent["status"]);
        var (message, returnPath) = await mta.DeliveredToAsync(recipient);
        Assert.Equal("relay@acme.test", message.From.Mailboxes.Single().Address);
        Assert.Equal("relay@acme.test", returnPath);
        Assert.Contains(File.ReadLines(mta.MailLog), line => line.Contains("sasl_method=XOAUTH2", StringComparison.Ordinal) && line.Contains("sasl_username=relay@acme.test", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Connect_AsAnotherAccount_IsRefusedWithBothNames_AndStoresNothing()
    {
        var server = await OAuthServerAsync(MtaFixture.Relay.Login);

        var outcome = await ConnectAsync($"/api/v1/smtp-servers/{server}/oauth/connect", MtaFixture.Sales);

        Assert.Contains("You signed in as sales@acme.test, but the server", outcome);
        Assert.Contains("signs in as relay@acme.test", outcome);
        Assert.Equal("NotConnected", (string?)(await api.GetFromJsonAsync<JsonObject>($"/api/v1/smtp-servers/{server}"))!["oAuth"]!["status"]);
    }

    /// <returns>The sentence the callback page showed.</returns>
    private async Task<string> ConnectAsync(string path, (string Login, string Password) account)
    {
        var started = await api.PostAsync(path, null);
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var authorization = new Uri((string)(await started.Content.ReadFromJsonAsync<JsonObject>())!["authorizationUrl"]!);
        var callback = await ProviderConsent.SignInAndAllowAsync(authorization, account.Login, account.Password);
        using var anonymous = app.CreateClient();
        var page = WebUtility.HtmlDecode(await anonymous.GetStringAsync(callback.PathAndQuery));
        return System.Text.RegularExpressions.Regex.Match(page, "id=\"oauth-outcome\">([^<]*)<").Groups[1].Value;
    }

    private async Task<int> OAuthServerAsync(string login)
    {
        var created = await api.PostAsJsonAsync("/api/v1/oauth-apps", new
        {
            name = $"Test provider {Guid.NewGuid():N}", provider = "Other", issuer = mta.Authorization.Issuer.ToString(),
            clientId = TestAuthorizationServer.ClientId, clientSecret = TestAuthorizationServer.ClientSecret,
            scopes = $"openid email offline_access {TestAuthorizationServer.MailScope}",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var appId = (int)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var server = await api.PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name = $"OAuth server {Guid.NewGuid():N}", host = MtaFixture.Host, port = mta.SubmissionPort, security = "StartTls",
            authMethod = "OAuth2", oAuthAppId = appId, username = login, pinnedCertificateSha256 = mta.CertificateSha256, timeoutSeconds = 5,
        });
        Assert.Equal(HttpStatusCode.Created, server.StatusCode);
        return (int)(await server.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    private async Task<int> ChannelAsync(string address, int serverId)
    {
        var response = await api.PostAsJsonAsync("/api/v1/channels", new { name = address, address, displayName = "Acme", serverId });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (int)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    private static object Message(int channelId, string recipient) => new
    {
        from = new { channelId }, to = new[] { recipient }, subject = "OAuth2", text = "Signed in with a token.",
    };
}
