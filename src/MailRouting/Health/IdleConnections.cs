using MailRouting.Data;
using MailRouting.OAuth;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Health;

/// <summary>
/// Connected mailboxes whose provider is about to end them for lack of use (Microsoft after 90 days without a refresh,
/// Google after six months), and those that already failed to renew.
/// </summary>
public sealed class IdleConnections(MailRoutingDbContext db, GrantOwners owners) : ICredentialCheck
{
    /// <summary>Warned this long before the provider's limit.</summary>
    public static readonly TimeSpan Notice = TimeSpan.FromDays(15);

    public async Task<IEnumerable<CredentialWarning>> FindAsync(DateTime now, CancellationToken ct)
    {
        var grants = await db.OAuthGrants.AsNoTracking().ToListAsync(ct);
        var providers = await db.OAuthApps.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Provider, ct);
        var troubled = grants.Where(g => g.Status == GrantStatus.ReconnectNeeded
            || (g.Status == GrantStatus.Connected
                && now - LastUsed(g) > IdleLimit(providers.GetValueOrDefault(g.AppId)) - Notice)).ToList();
        if (troubled.Count == 0)
        {
            return [];
        }

        var ownerOf = await owners.ForAsync(troubled, ct);
        return troubled.Select(g => Warning(g, ownerOf(g), providers.GetValueOrDefault(g.AppId)));
    }

    /// <summary>How long a provider keeps an unused refresh token.</summary>
    public static TimeSpan IdleLimit(OAuthProvider provider) =>
        provider == OAuthProvider.Microsoft365 ? TimeSpan.FromDays(90) : TimeSpan.FromDays(180);

    private static DateTime LastUsed(OAuthGrant grant) => grant.RefreshedAt ?? grant.ConnectedAt;

    private static CredentialWarning Warning(OAuthGrant grant, GrantOwnerView owner, OAuthProvider provider)
    {
        var reconnect = new GrantKey(grant.Owner, grant.OwnerId).WhereToReconnect;
        if (grant.Status == GrantStatus.ReconnectNeeded)
        {
            return new CredentialWarning(CredentialProblem.RefreshFailed,
                $"The connected mailbox {grant.Account} of {owner.Name} could not renew its access: "
                    + $"{grant.Problem ?? "the provider refused it"}.",
                owner.WhoActs, reconnect, owner.Link, owner.ServerIds);
        }

        var ends = LastUsed(grant) + IdleLimit(provider);
        return new CredentialWarning(CredentialProblem.ConnectionIdle,
            $"The connected mailbox {grant.Account} of {owner.Name} has not been used since "
                + $"{LastUsed(grant):yyyy-MM-dd}; the provider ends unused connections after "
                + $"{IdleLimit(provider).TotalDays:0} days, on {ends:yyyy-MM-dd}.",
            owner.WhoActs, $"Send a message through it or run its test before then, which renews it. Once ended: "
                + $"{reconnect}", owner.Link,
            owner.ServerIds, ends);
    }
}
