using System.Collections.Concurrent;
using Duende.IdentityModel.Client;
using MailRouting.Secrets;

namespace MailRouting.OAuth;

/// <summary>
/// Talks OAuth2 to the providers through Duende.IdentityModel: discovery, the authorization URL, code exchange, refresh
/// and revocation. Tokens pass through and are never logged here.
/// </summary>
public sealed class ProviderClient(SecretProtector secrets, TimeProvider time) : IDisposable
{
    private static readonly TimeSpan DiscoveryLifetime = TimeSpan.FromHours(1);

    private readonly HttpClient http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    private readonly ConcurrentDictionary<string, (ProviderProfile Profile, DateTimeOffset Until)> discovered = [];

    /// <exception cref="OAuthProviderException">The issuer's discovery document cannot be read or is not valid.</exception>
    public async Task<ProviderProfile> ProfileAsync(OAuthApp app, CancellationToken ct)
    {
        if (ProviderProfile.Preset(app) is { } preset)
        {
            return preset;
        }

        var scopes = string.IsNullOrWhiteSpace(app.Scopes) ? ProviderProfile.DefaultOtherScopes : app.Scopes.Trim();
        if (app.AuthorizationEndpoint is { Length: > 0 } authorize && app.TokenEndpoint is { Length: > 0 } token)
        {
            return new ProviderProfile(new Uri(authorize), new Uri(token), null, scopes, new Dictionary<string, string>());
        }

        var issuer = app.Issuer ?? throw new OAuthProviderException($"The OAuth app {app.Name} has neither an issuer nor endpoints.", temporary: false);
        var now = time.GetUtcNow();
        if (discovered.TryGetValue(issuer, out var cached) && cached.Until > now)
        {
            return cached.Profile with { Scopes = scopes };
        }

        var document = await http.GetDiscoveryDocumentAsync(new DiscoveryDocumentRequest { Address = issuer }, ct);
        if (document.IsError || document.AuthorizeEndpoint is null || document.TokenEndpoint is null)
        {
            throw new OAuthProviderException($"The provider's discovery document at {issuer} could not be used: {document.Error ?? "it names no authorization or token endpoint"}.",
                temporary: document.ErrorType is ResponseErrorType.Http or ResponseErrorType.Exception);
        }

        var profile = new ProviderProfile(new Uri(document.AuthorizeEndpoint), new Uri(document.TokenEndpoint),
            document.RevocationEndpoint is { } revoke ? new Uri(revoke) : null, scopes, new Dictionary<string, string>());
        discovered[issuer] = (profile, now + DiscoveryLifetime);
        return profile;
    }

    public static Uri AuthorizationUrl(OAuthApp app, ProviderProfile profile, Uri redirectUri, string state, string codeChallenge, string? loginHint)
    {
        var extra = new Parameters(profile.AuthorizeParameters);
        return new Uri(new RequestUrl(profile.AuthorizationEndpoint.ToString()).CreateAuthorizeUrl(
            clientId: app.ClientId, responseType: "code", scope: profile.Scopes, redirectUri: redirectUri.ToString(), state: state,
            loginHint: loginHint, codeChallenge: codeChallenge, codeChallengeMethod: "S256", extra: extra));
    }

    public Task<TokenResponse> ExchangeCodeAsync(OAuthApp app, ProviderProfile profile, string code, string codeVerifier, Uri redirectUri, CancellationToken ct) =>
        http.RequestAuthorizationCodeTokenAsync(new AuthorizationCodeTokenRequest
        {
            Address = profile.TokenEndpoint.ToString(),
            ClientId = app.ClientId,
            ClientSecret = ClientSecret(app),
            ClientCredentialStyle = ClientCredentialStyle.PostBody,
            Code = code,
            CodeVerifier = codeVerifier,
            RedirectUri = redirectUri.ToString(),
        }, ct);

    public Task<TokenResponse> RefreshAsync(OAuthApp app, ProviderProfile profile, string refreshToken, CancellationToken ct) =>
        http.RequestRefreshTokenAsync(new RefreshTokenRequest
        {
            Address = profile.TokenEndpoint.ToString(),
            ClientId = app.ClientId,
            ClientSecret = ClientSecret(app),
            ClientCredentialStyle = ClientCredentialStyle.PostBody,
            RefreshToken = refreshToken,
        }, ct);

    /// <summary>The app's own token (client credentials), for a server that sends with the app's permission.</summary>
    public Task<TokenResponse> ClientCredentialsAsync(OAuthApp app, ProviderProfile profile, string scope,
        CancellationToken ct) =>
        http.RequestClientCredentialsTokenAsync(new ClientCredentialsTokenRequest
        {
            Address = profile.TokenEndpoint.ToString(),
            ClientId = app.ClientId,
            ClientSecret = ClientSecret(app),
            ClientCredentialStyle = ClientCredentialStyle.PostBody,
            Scope = scope,
        }, ct);

    /// <summary>Tells the provider the refresh token is no longer wanted, where it has a revocation endpoint; failures change nothing.</summary>
    public async Task<bool> RevokeAsync(OAuthApp app, ProviderProfile profile, string refreshToken, CancellationToken ct)
    {
        if (profile.RevocationEndpoint is null)
        {
            return false;
        }

        var response = await http.RevokeTokenAsync(new TokenRevocationRequest
        {
            Address = profile.RevocationEndpoint.ToString(),
            ClientId = app.ClientId,
            ClientSecret = ClientSecret(app),
            ClientCredentialStyle = ClientCredentialStyle.PostBody,
            Token = refreshToken,
            TokenTypeHint = "refresh_token",
        }, ct);
        return !response.IsError;
    }

    public void Dispose() => http.Dispose();

    private string? ClientSecret(OAuthApp app) => app.ProtectedClientSecret is null ? null : secrets.Unprotect(app.ProtectedClientSecret);
}
