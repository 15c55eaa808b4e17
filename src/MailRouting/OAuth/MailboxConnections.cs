using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Duende.IdentityModel.Client;
using MailRouting.Data;
using MailRouting.Outbox.Outcomes;
using MailRouting.Resolution;
using MailRouting.Secrets;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MailRouting.OAuth;

/// <summary>
/// Connecting a mailbox: the authorization code flow with PKCE and state, the check that the account that consented is
/// the configured login, and the stored, encrypted grant. Connecting releases the messages held for that login.
/// </summary>
public sealed class MailboxConnections(MailRoutingDbContext db, GrantTargets targets, ProviderClient provider, SecretProtector secrets,
    IDataProtectionProvider protection, TimeProvider time, ILogger<MailboxConnections> logger)
{
    /// <returns>The provider's sign-in address to send the person to, or why the connection cannot start.</returns>
    public async Task<(Uri? AuthorizationUrl, string? Refusal)> StartAsync(GrantTarget target, string startedBy, string returnUrl, Uri redirectUri, CancellationToken ct)
    {
        var app = await db.OAuthApps.AsNoTracking().SingleAsync(a => a.Id == target.AppId, ct);
        ProviderProfile profile;
        try
        {
            profile = (await provider.ProfileAsync(app, ct)).For(app, target.Transport);
        }
        catch (OAuthProviderException exception)
        {
            return (null, exception.Message);
        }

        var verifier = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var state = new ConnectState(target.Key.Owner, target.Key.OwnerId, target.AppId, target.Login, verifier, startedBy, returnUrl, redirectUri,
            time.GetUtcNow().UtcDateTime + OAuthOptions.ConnectLifetime, Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16))).Protect(protection);
        return (ProviderClient.AuthorizationUrl(app, profile, redirectUri, state, challenge, target.Login), null);
    }

    /// <param name="signedInUserId">Who the browser is signed in as here: it must be who started the connection.</param>
    public async Task<ConnectOutcome> CompleteAsync(string? code, string? state, string? error, string? errorDescription, string signedInUserId,
        CancellationToken ct)
    {
        var started = ConnectState.Unprotect(protection, state, time.GetUtcNow().UtcDateTime);
        if (started is null)
        {
            return new ConnectOutcome(false, "This sign-in has expired or was not started here. Start again with Connect mailbox.", "/");
        }

        if (signedInUserId != started.StartedBy)
        {
            return new ConnectOutcome(false, "This connection was started by someone else. Start your own with Connect mailbox.", "/");
        }

        // A second visit (a reload, the back button) must not redeem the code again: the provider would revoke the tokens.
        if (!await TrySpendAsync(started, ct))
        {
            return await AlreadyCompletedAsync(started, ct);
        }

        if (error is not null || string.IsNullOrEmpty(code))
        {
            return Refused(started, $"The provider did not connect the mailbox: {error ?? "no code was returned"}{(string.IsNullOrWhiteSpace(errorDescription) ? "" : $" ({errorDescription})")}.");
        }

        var target = await CurrentTargetAsync(started, ct);
        if (target is null || target.AppId != started.AppId || !string.Equals(target.Login, started.Login, StringComparison.OrdinalIgnoreCase))
        {
            return Refused(started, "The sign-in settings changed while you were at the provider. Start again with Connect mailbox.");
        }

        var app = await db.OAuthApps.AsNoTracking().SingleAsync(a => a.Id == target.AppId, ct);
        TokenResponse tokens;
        try
        {
            tokens = await provider.ExchangeCodeAsync(app, await provider.ProfileAsync(app, ct), code, started.CodeVerifier, started.RedirectUri, ct);
        }
        catch (OAuthProviderException exception)
        {
            return Refused(started, exception.Message);
        }

        if (tokens.IsError)
        {
            return Refused(started, $"The provider refused to issue tokens: {tokens.Error}{(string.IsNullOrWhiteSpace(tokens.ErrorDescription) ? "" : $" ({tokens.ErrorDescription})")}.");
        }

        var account = IdTokenAccount.Read(tokens.IdentityToken, app.ClientId, time.GetUtcNow());
        if (account is null)
        {
            return Refused(started, "The provider did not say which account signed in. Add the scopes 'openid email' to the OAuth app.");
        }

        if (!string.Equals(account, target.Login, StringComparison.OrdinalIgnoreCase))
        {
            return Refused(started, $"You signed in as {account}, but {target.Description} signs in as {target.Login}. Sign in at the provider as {target.Login}, or change the login first.");
        }

        if (string.IsNullOrEmpty(tokens.RefreshToken))
        {
            return Refused(started, "The provider issued no refresh token, so mail would stop within the hour. Allow offline access (the scope offline_access; Google asks again when consent is repeated).");
        }

        await SaveAsync(target, account, tokens, ct);
        logger.LogInformation("Connected the mailbox {Account} for {Owner} {OwnerId}", account, target.Key.Owner, target.Key.OwnerId);
        return new ConnectOutcome(true, $"Connected {account}: {target.Description} now signs in with OAuth2.", started.ReturnUrl);
    }

    /// <summary>Removes the tokens (and asks the provider to revoke them, where it can); the login stops sending until connected again.</summary>
    public async Task<bool> DisconnectAsync(GrantKey key, CancellationToken ct)
    {
        var grant = await db.OAuthGrants.SingleOrDefaultAsync(g => g.Owner == key.Owner && g.OwnerId == key.OwnerId, ct);
        if (grant is null)
        {
            return false;
        }

        db.OAuthGrants.Remove(grant);
        await db.SaveChangesAsync(ct);
        var app = await db.OAuthApps.AsNoTracking().SingleAsync(a => a.Id == grant.AppId, ct);
        try
        {
            await provider.RevokeAsync(app, await provider.ProfileAsync(app, ct), secrets.Unprotect(grant.ProtectedRefreshToken), ct);
        }
        catch (Exception exception) when (exception is OAuthProviderException or HttpRequestException or TaskCanceledException)
        {
            logger.LogWarning("Disconnected {Account}, but the provider could not be told to revoke its token: {Reason}", grant.Account, exception.Message);
        }

        return true;
    }

    private async Task<bool> TrySpendAsync(ConnectState started, CancellationToken ct)
    {
        await db.SpentConnectStates.Where(s => s.ExpiresAt < time.GetUtcNow().UtcDateTime).ExecuteDeleteAsync(ct);
        return await db.TryAddOnceAsync(new SpentConnectState
        {
            Hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(started.Nonce))), ExpiresAt = started.ExpiresAt,
            Owner = started.Owner.ToString(), OwnerId = started.OwnerId,
        }, ct);
    }

    /// <summary>What a second visit shows: the connection as it stands now, not what the first visit said.</summary>
    private async Task<ConnectOutcome> AlreadyCompletedAsync(ConnectState started, CancellationToken ct)
    {
        var grant = await db.OAuthGrants.AsNoTracking().Where(g => g.Owner == started.Owner && g.OwnerId == started.OwnerId)
            .Select(g => new { g.Account, g.Status }).SingleOrDefaultAsync(ct);
        return grant is { Status: GrantStatus.Connected }
            ? new ConnectOutcome(true, $"This connection was already completed: {grant.Account} is connected.", started.ReturnUrl)
            : Refused(started, $"This connection was already used, and the mailbox is {(grant is null ? "not connected" : "waiting to be reconnected")}. Start again with Connect mailbox.");
    }

    /// <summary>The login as it is configured now: it may have changed while the person was at the provider.</summary>
    private async Task<GrantTarget?> CurrentTargetAsync(ConnectState started, CancellationToken ct) => (started.Owner switch
    {
        GrantOwner.Server => await targets.ForServerAsync(int.Parse(started.OwnerId, CultureInfo.InvariantCulture), ct),
        GrantOwner.Channel => await targets.ForChannelAsync(int.Parse(started.OwnerId, CultureInfo.InvariantCulture), ct),
        _ => await targets.ForUserAsync(started.OwnerId, ct),
    }).Target;

    private async Task SaveAsync(GrantTarget target, string account, TokenResponse tokens, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var grant = await db.OAuthGrants.SingleOrDefaultAsync(g => g.Owner == target.Key.Owner && g.OwnerId == target.Key.OwnerId, ct);
        if (grant is null)
        {
            grant = new OAuthGrant { Owner = target.Key.Owner, OwnerId = target.Key.OwnerId, Account = account, ProtectedRefreshToken = "" };
            db.OAuthGrants.Add(grant);
        }

        grant.AppId = target.AppId;
        grant.Account = account;
        grant.ProtectedRefreshToken = secrets.Protect(tokens.RefreshToken!);
        grant.ProtectedAccessToken = string.IsNullOrEmpty(tokens.AccessToken) ? null : secrets.Protect(tokens.AccessToken);
        grant.AccessTokenExpiresAt = now + (tokens.ExpiresIn > 0 ? TimeSpan.FromSeconds(tokens.ExpiresIn) : TimeSpan.FromHours(1));
        grant.Status = GrantStatus.Connected;
        grant.Problem = null;
        grant.ConnectedAt = now;
        grant.RefreshLeaseOwner = null;
        grant.RefreshLeaseUntil = null;
        await db.SaveChangesAsync(ct);
        _ = target.Key.Owner == GrantOwner.Server
            ? await db.ReleaseForServerAsync(int.Parse(target.Key.OwnerId, CultureInfo.InvariantCulture), now, ct)
            : await db.ReleaseForSenderAsync(target.Key.Owner == GrantOwner.Channel ? SenderKind.Channel : SenderKind.User, target.Key.OwnerId, now, ct);
    }

    private static ConnectOutcome Refused(ConnectState started, string message) => new(false, message, started.ReturnUrl);
}
