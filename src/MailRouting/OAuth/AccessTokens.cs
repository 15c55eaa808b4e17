using Duende.IdentityModel.Client;
using MailRouting.Data;
using MailRouting.Diagnostics;
using MailRouting.Outbox;
using MailRouting.Secrets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MailRouting.OAuth;

/// <summary>
/// Access tokens for connected mailboxes. A token is kept (encrypted, in the database, so every instance shares it) until
/// shortly before it expires; then one instance takes the grant's refresh lease, refreshes, and saves the new access token
/// and the rotated refresh token in one UPDATE, while the others wait for that result instead of refreshing themselves.
/// </summary>
public sealed class AccessTokens(MailRoutingDbContext db, ProviderClient provider, SecretProtector secrets, OAuthOptions options,
    WorkerIdentity identity, RefreshLocks locks, AppTokens appTokens, TimeProvider time, ILogger<AccessTokens> logger)
{
    private static readonly TimeSpan RefreshLease = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(1);

    /// <param name="login">The login that signs in: a grant for another account (the login changed since) is not used.</param>
    public async Task<AccessTokenResult> GetAsync(GrantKey key, string login, CancellationToken ct)
    {
        var grant = await ReadAsync(key, ct);
        if (grant is null || !string.Equals(grant.Account, login, StringComparison.OrdinalIgnoreCase))
        {
            return NotConnected(login);
        }

        if (Fresh(grant) is { } cached)
        {
            return cached;
        }

        using var _ = await locks.EnterAsync(grant.Id, ct);
        var giveUpAt = time.GetUtcNow().UtcDateTime + (RefreshLease * 2);
        while (true)
        {
            grant = await ReadAsync(key, ct);
            if (grant is null || !string.Equals(grant.Account, login, StringComparison.OrdinalIgnoreCase))
            {
                return NotConnected(login);
            }

            if (grant.Status == GrantStatus.ReconnectNeeded)
            {
                return ReconnectNeeded(grant, key);
            }

            if (Fresh(grant) is { } token)
            {
                return token;
            }

            if (await TryTakeLeaseAsync(grant, ct))
            {
                return await RefreshAsync(grant, key, ct);
            }

            if (time.GetUtcNow().UtcDateTime > giveUpAt)
            {
                return AccessTokenResult.Failed(DiagnosticCode.OAuthProviderUnavailable,
                    $"Another app instance has been refreshing the access token for {grant.Account} for over a minute.",
                    "Nothing to do: the message is retried.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), time, ct);
        }
    }

    /// <summary>Drops the cached access token after a server refused it, so the next sign-in refreshes first.</summary>
    public Task ForgetAccessTokenAsync(GrantKey key, CancellationToken ct)
    {
        if (key.Owner == GrantOwner.App)
        {
            appTokens.Forget(int.Parse(key.OwnerId, System.Globalization.CultureInfo.InvariantCulture));
            return Task.CompletedTask;
        }

        return db.OAuthGrants.Where(g => g.Owner == key.Owner && g.OwnerId == key.OwnerId)
            .ExecuteUpdateAsync(g => g.SetProperty(x => x.ProtectedAccessToken, (string?)null).SetProperty(x => x.AccessTokenExpiresAt, (DateTime?)null), ct);
    }

    private Task<OAuthGrant?> ReadAsync(GrantKey key, CancellationToken ct) =>
        db.OAuthGrants.AsNoTracking().SingleOrDefaultAsync(g => g.Owner == key.Owner && g.OwnerId == key.OwnerId, ct);

    private AccessTokenResult? Fresh(OAuthGrant grant) =>
        grant is { Status: GrantStatus.Connected, ProtectedAccessToken: { } token, AccessTokenExpiresAt: { } expires }
            && expires - options.RefreshBeforeExpiry > time.GetUtcNow().UtcDateTime
            ? AccessTokenResult.Of(secrets.Unprotect(token), expires, refreshed: false)
            : null;

    /// <summary>Only the refresh token that was read may be used: if another instance rotated it meanwhile, this one reads again.</summary>
    private async Task<bool> TryTakeLeaseAsync(OAuthGrant grant, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return await db.OAuthGrants
            .Where(g => g.Id == grant.Id && g.ProtectedRefreshToken == grant.ProtectedRefreshToken && (g.RefreshLeaseUntil == null || g.RefreshLeaseUntil < now))
            .ExecuteUpdateAsync(g => g.SetProperty(x => x.RefreshLeaseOwner, identity.Name).SetProperty(x => x.RefreshLeaseUntil, now + RefreshLease), ct) == 1;
    }

    private async Task<AccessTokenResult> RefreshAsync(OAuthGrant grant, GrantKey key, CancellationToken ct)
    {
        var app = await db.OAuthApps.AsNoTracking().SingleAsync(a => a.Id == grant.AppId, ct);
        TokenResponse response;
        try
        {
            response = await provider.RefreshAsync(app, await provider.ProfileAsync(app, ct), secrets.Unprotect(grant.ProtectedRefreshToken), ct);
        }
        catch (OAuthProviderException exception)
        {
            await EndLeaseAsync(grant, ct);
            return exception.Temporary
                ? Unavailable(app, exception.Message)
                : AccessTokenResult.Failed(DiagnosticCode.OAuthAppRejected, exception.Message, "An admin must correct the OAuth app's issuer or endpoints.");
        }

        if (response.IsError)
        {
            return await RefusedAsync(grant, key, app, response, ct);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var lifetime = response.ExpiresIn > 0 ? TimeSpan.FromSeconds(response.ExpiresIn) : DefaultLifetime;
        var rotated = response.RefreshToken is { Length: > 0 } next ? secrets.Protect(next) : grant.ProtectedRefreshToken;
        var saved = await db.OAuthGrants.Where(g => g.Id == grant.Id && g.ProtectedRefreshToken == grant.ProtectedRefreshToken)
            .ExecuteUpdateAsync(g => g
                .SetProperty(x => x.ProtectedAccessToken, secrets.Protect(response.AccessToken!))
                .SetProperty(x => x.AccessTokenExpiresAt, now + lifetime)
                .SetProperty(x => x.ProtectedRefreshToken, rotated)
                .SetProperty(x => x.RefreshedAt, now)
                .SetProperty(x => x.RefreshLeaseOwner, (string?)null)
                .SetProperty(x => x.RefreshLeaseUntil, (DateTime?)null), ct);
        if (saved == 0)
        {
            logger.LogWarning("The grant for {Account} changed while it was being refreshed (reconnected or disconnected); the new token is used once", grant.Account);
        }

        logger.LogInformation("Refreshed the access token for {Account}; it expires in {Minutes:0} min", grant.Account, lifetime.TotalMinutes);
        return AccessTokenResult.Of(response.AccessToken!, now + lifetime, refreshed: true);
    }

    /// <summary>invalid_grant means only the owner can help: the grant waits for a reconnect. Anything else is the app's or the network's.</summary>
    private async Task<AccessTokenResult> RefusedAsync(OAuthGrant grant, GrantKey key, OAuthApp app, TokenResponse response, CancellationToken ct)
    {
        var said = string.IsNullOrWhiteSpace(response.ErrorDescription) ? response.Error : $"{response.Error}: {response.ErrorDescription}";
        if (response.ErrorType == ResponseErrorType.Protocol && response.Error == "invalid_grant")
        {
            var problem = said!.Length > 500 ? said[..500] : said;
            await db.OAuthGrants.Where(g => g.Id == grant.Id)
                .ExecuteUpdateAsync(g => g
                    .SetProperty(x => x.Status, GrantStatus.ReconnectNeeded)
                    .SetProperty(x => x.Problem, problem)
                    .SetProperty(x => x.ProtectedAccessToken, (string?)null)
                    .SetProperty(x => x.RefreshLeaseOwner, (string?)null)
                    .SetProperty(x => x.RefreshLeaseUntil, (DateTime?)null), ct);
            logger.LogWarning("The provider refused to refresh the access token for {Account} ({Error}); it must be reconnected", grant.Account, response.Error);
            grant.Problem = problem;
            return ReconnectNeeded(grant, key);
        }

        await EndLeaseAsync(grant, ct);
        if (response.ErrorType == ResponseErrorType.Protocol && (int)response.HttpStatusCode < 500)
        {
            return AccessTokenResult.Failed(DiagnosticCode.OAuthAppRejected,
                $"The provider refused the OAuth app {app.Name} when refreshing the token for {grant.Account} ({said}).",
                "An admin must check the app's client id and client secret on the OAuth apps page (client secrets expire, at Microsoft after at most 2 years).");
        }

        return Unavailable(app, said ?? "no answer");
    }

    private Task<int> EndLeaseAsync(OAuthGrant grant, CancellationToken ct) =>
        db.OAuthGrants.Where(g => g.Id == grant.Id && g.RefreshLeaseOwner == identity.Name)
            .ExecuteUpdateAsync(g => g.SetProperty(x => x.RefreshLeaseOwner, (string?)null).SetProperty(x => x.RefreshLeaseUntil, (DateTime?)null), ct);

    private static AccessTokenResult NotConnected(string login) => AccessTokenResult.Failed(DiagnosticCode.OAuthNotConnected,
        $"The login {login} uses OAuth2 but its mailbox is not connected.", "Connect the mailbox (Connect mailbox) where the login is set: the server's or channel's page, or your Profile.");

    private static AccessTokenResult ReconnectNeeded(OAuthGrant grant, GrantKey key) => AccessTokenResult.Failed(DiagnosticCode.OAuthReconnectNeeded,
        $"The mail provider no longer accepts the connection of {grant.Account}, so it must be reconnected (the provider said: {grant.Problem}). This happens when access is revoked, the password changes or the grant expires.",
        key.WhereToReconnect + " Held messages are sent once it is reconnected.");

    private static AccessTokenResult Unavailable(OAuthApp app, string reason) => AccessTokenResult.Failed(DiagnosticCode.OAuthProviderUnavailable,
        $"The provider of the OAuth app {app.Name} could not be reached to refresh the access token ({reason}).", "Nothing to do: the message is retried.");
}
