using System.Collections.Concurrent;
using MailRouting.Diagnostics;
using MailRouting.Servers;

namespace MailRouting.OAuth;

/// <summary>
/// The app's own access tokens (client credentials), for servers that send with the app's permission: one per app and
/// transport, kept in memory until shortly before it expires. Nothing to refresh and nothing to store: a new one is a
/// request away, and every instance asks for its own.
/// </summary>
public sealed class AppTokens(ProviderClient provider, OAuthOptions options, TimeProvider time)
{
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(1);
    private static readonly string[] SignInScopes = ["openid", "email", "profile", "offline_access"];

    private readonly ConcurrentDictionary<(int App, ServerTransport Transport), AccessTokenResult> cached = [];

    public async Task<AccessTokenResult> GetAsync(OAuthApp app, ServerTransport transport, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (cached.TryGetValue((app.Id, transport), out var kept) && kept.ExpiresAt - options.RefreshBeforeExpiry > now)
        {
            return kept with { Refreshed = false };
        }

        if (Scope(app, transport) is not { } scope)
        {
            return AccessTokenResult.Failed(DiagnosticCode.OAuthAppRejected,
                $"The OAuth app {app.Name} is a Google app: Google gives no app-only permission for mail this way.",
                "Sign in with a connected mailbox instead: set the server's authentication to OAuth2 and connect the "
                    + "mailbox.");
        }

        try
        {
            var response = await provider.ClientCredentialsAsync(app, await provider.ProfileAsync(app, ct), scope, ct);
            if (response.IsError)
            {
                var said = response.ErrorDescription is { Length: > 0 } description ? $" ({description})" : "";
                var code = (int)response.HttpStatusCode >= 500 || response.HttpStatusCode == 0
                    ? DiagnosticCode.OAuthProviderUnavailable : DiagnosticCode.OAuthAppRejected;
                return AccessTokenResult.Failed(code,
                    $"The provider gave the OAuth app {app.Name} no token of its own: {response.Error}{said}.",
                    "Check the app's client secret (and that it has not expired) and that the app has the application "
                        + "permission to send mail (Microsoft Graph: Mail.Send, with admin consent).");
            }

            var lifetime = response.ExpiresIn > 0 ? TimeSpan.FromSeconds(response.ExpiresIn) : DefaultLifetime;
            var token = AccessTokenResult.Of(response.AccessToken!, now + lifetime, refreshed: true);
            cached[(app.Id, transport)] = token;
            return token;
        }
        catch (OAuthProviderException exception)
        {
            return AccessTokenResult.Failed(
                exception.Temporary ? DiagnosticCode.OAuthProviderUnavailable : DiagnosticCode.OAuthAppRejected,
                exception.Message, "An admin must correct the OAuth app's issuer or endpoints.");
        }
    }

    /// <summary>After a server refused the app's token: the next send asks for a new one.</summary>
    public void Forget(int appId)
    {
        foreach (var key in cached.Keys.Where(k => k.App == appId))
        {
            cached.TryRemove(key, out _);
        }
    }

    /// <summary>
    /// Microsoft names the resource with ".default"; other providers get the app's scopes without the sign-in ones.
    /// </summary>
    private static string? Scope(OAuthApp app, ServerTransport transport) => app.Provider switch
    {
        OAuthProvider.Microsoft365 => transport == ServerTransport.MicrosoftGraph
            ? "https://graph.microsoft.com/.default" : "https://outlook.office365.com/.default",
        OAuthProvider.Google => null,
        _ => string.Join(' ', (app.Scopes ?? "").Split(' ',
            StringSplitOptions.RemoveEmptyEntries).Except(SignInScopes)),
    };
}
