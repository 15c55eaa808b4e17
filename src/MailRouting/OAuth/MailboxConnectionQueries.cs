using MailRouting.Data;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.OAuth;

/// <summary>The connection state of OAuth2 logins, read in one query for a whole list.</summary>
public sealed class MailboxConnectionQueries(MailRoutingDbContext db)
{
    /// <param name="logins">Each login's grant key and the OAuth app it connects through.</param>
    public async Task<IReadOnlyDictionary<GrantKey, MailboxConnection>> ForAsync(IReadOnlyCollection<(GrantKey Key, int AppId)> logins, CancellationToken ct)
    {
        if (logins.Count == 0)
        {
            return new Dictionary<GrantKey, MailboxConnection>();
        }

        var appIds = logins.Select(l => l.AppId).Distinct().ToList();
        var apps = await db.OAuthApps.AsNoTracking().Where(a => appIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        var owners = logins.Select(l => l.Key.OwnerId).Distinct().ToList();
        var grants = (await db.OAuthGrants.AsNoTracking().Where(g => owners.Contains(g.OwnerId)).ToListAsync(ct))
            .ToDictionary(g => new GrantKey(g.Owner, g.OwnerId));
        return logins.Where(l => apps.ContainsKey(l.AppId)).ToDictionary(l => l.Key, l =>
        {
            var app = apps[l.AppId];
            return grants.TryGetValue(l.Key, out var grant)
                ? new MailboxConnection(app.Id, app.Name, app.Provider,
                    grant.Status == GrantStatus.Connected ? MailboxStatus.Connected : MailboxStatus.ReconnectNeeded,
                    grant.Account, grant.Problem, grant.ConnectedAt, grant.AccessTokenExpiresAt)
                : new MailboxConnection(app.Id, app.Name, app.Provider, MailboxStatus.NotConnected, null, null, null, null);
        });
    }
}
