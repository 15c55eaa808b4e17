using MailRouting.Data;
using MailRouting.OAuth;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Health;

/// <summary>
/// Connected mailboxes whose provider is about to end them: for lack of use (Microsoft after 90 days without a refresh,
/// Google after six months), or at the end of the lifetime the app gives every connection (Google, while the app's
/// publishing status is Testing: 7 days after consent); and those that already failed to renew.
/// </summary>
public sealed class IdleConnections(MailRoutingDbContext db, GrantOwners owners) : ICredentialCheck
{
    /// <summary>Warned this long before the provider's limit (a third of a shorter lifetime).</summary>
    public static readonly TimeSpan Notice = TimeSpan.FromDays(15);

    public async Task<IEnumerable<CredentialWarning>> FindAsync(DateTime now, CancellationToken ct)
    {
        var grants = await db.OAuthGrants.AsNoTracking().ToListAsync(ct);
        var apps = await db.OAuthApps.AsNoTracking().ToDictionaryAsync(a => a.Id, ct);
        var troubled = grants.Select(g => (Grant: g, Ending: EndOf(g, apps.GetValueOrDefault(g.AppId))))
            .Where(t => t.Grant.Status == GrantStatus.ReconnectNeeded
                || (t.Grant.Status == GrantStatus.Connected && now > t.Ending.At - t.Ending.Notice)).ToList();
        if (troubled.Count == 0)
        {
            return [];
        }

        var ownerOf = await owners.ForAsync([.. troubled.Select(t => t.Grant)], ct);
        return troubled.Select(t => Warning(t.Grant, ownerOf(t.Grant), t.Ending));
    }

    /// <summary>How long a provider keeps an unused refresh token.</summary>
    public static TimeSpan IdleLimit(OAuthProvider provider) =>
        provider == OAuthProvider.Microsoft365 ? TimeSpan.FromDays(90) : TimeSpan.FromDays(180);

    private static DateTime LastUsed(OAuthGrant grant) => grant.RefreshedAt ?? grant.ConnectedAt;

    /// <summary>
    /// When the provider ends the connection, whichever comes first, and how long before it is warned.
    /// </summary>
    private static ConnectionEnd EndOf(OAuthGrant grant, OAuthApp? app)
    {
        var idle = IdleLimit(app?.Provider ?? OAuthProvider.Other);
        var unused = new ConnectionEnd(LastUsed(grant) + idle, Notice, null);
        if (app?.ConnectionLifetimeDays is not { } days)
        {
            return unused;
        }

        var lifetime = TimeSpan.FromDays(days);
        var notice = lifetime / 3 < Notice ? lifetime / 3 : Notice;
        var expires = new ConnectionEnd(grant.ConnectedAt + lifetime, notice, days);
        return expires.At < unused.At ? expires : unused;
    }

    private static CredentialWarning Warning(OAuthGrant grant, GrantOwnerView owner, ConnectionEnd ending)
    {
        var reconnect = new GrantKey(grant.Owner, grant.OwnerId).WhereToReconnect;
        if (grant.Status == GrantStatus.ReconnectNeeded)
        {
            return new CredentialWarning(CredentialProblem.RefreshFailed,
                $"The connected mailbox {grant.Account} of {owner.Name} could not renew its access: "
                    + $"{grant.Problem ?? "the provider refused it"}.",
                owner.WhoActs, reconnect, owner.Link, owner.ServerIds);
        }

        if (ending.LifetimeDays is { } days)
        {
            return new CredentialWarning(CredentialProblem.ConnectionExpiring,
                $"The connected mailbox {grant.Account} of {owner.Name} was connected on "
                    + $"{grant.ConnectedAt:yyyy-MM-dd}; the provider ends this app's connections {days} days after "
                    + $"consent, on {ending.At:yyyy-MM-dd}.",
                owner.WhoActs, $"Reconnect it before then: {reconnect} For Google, publish the app (OAuth consent "
                    + "screen, In production) so connections last.", owner.Link, owner.ServerIds, ending.At);
        }

        return new CredentialWarning(CredentialProblem.ConnectionIdle,
            $"The connected mailbox {grant.Account} of {owner.Name} has not been used since "
                + $"{LastUsed(grant):yyyy-MM-dd}; the provider ends unused connections after "
                + $"{(ending.At - LastUsed(grant)).TotalDays:0} days, on {ending.At:yyyy-MM-dd}.",
            owner.WhoActs, $"Send a message through it or run its test before then, which renews it. Once ended: "
                + $"{reconnect}", owner.Link,
            owner.ServerIds, ending.At);
    }
}
