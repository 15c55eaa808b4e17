using System.Globalization;
using MailRouting.Data;
using MailRouting.Resolution;
using MailRouting.Servers;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.OAuth;

/// <summary>A mailbox whose provider stopped accepting its connection, with where its owner reconnects it.</summary>
public sealed record MailboxToReconnect(GrantOwner Owner, string OwnerId, string OwnerName, string Account, string? Problem)
{
    public string Page => Owner switch
    {
        GrantOwner.Server => $"/SmtpServers/Details/{OwnerId}",
        GrantOwner.Channel => $"/Channels/Details/{OwnerId}",
        _ => $"/Users/Edit/{OwnerId}",
    };
}

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

    /// <summary>
    /// For channels and users: only a login of their own on a server that signs in with OAuth2 has a mailbox to connect.
    /// The servers come from the routing cache, so a list without such logins costs no query.
    /// </summary>
    /// <param name="logins">Each owner's grant key, the server it sends through and whether it signs in with its own login.</param>
    public async Task<IReadOnlyDictionary<GrantKey, MailboxConnection>> ForOwnLoginsAsync(
        IReadOnlyCollection<(GrantKey Key, int? ServerId, bool OwnLogin)> logins, IReadOnlyList<RoutingServer> servers, CancellationToken ct)
    {
        var apps = servers.Where(s => s is { Kind: ServerKind.Custom, UsesOAuth: true, OAuthAppId: not null }).ToDictionary(s => s.Id, s => s.OAuthAppId!.Value);
        return await ForAsync([.. logins.Where(l => l.OwnLogin && l.ServerId is { } id && apps.ContainsKey(id)).Select(l => (l.Key, apps[l.ServerId!.Value]))], ct);
    }

    /// <summary>Every grant the provider refused, named the way admins know its owner; for the home page.</summary>
    public async Task<IReadOnlyList<MailboxToReconnect>> NeedingReconnectAsync(CancellationToken ct)
    {
        var grants = await db.OAuthGrants.AsNoTracking().Where(g => g.Status == GrantStatus.ReconnectNeeded).ToListAsync(ct);
        var ids = grants.Select(g => g.OwnerId).ToList();
        var numbers = ids.Select(id => int.TryParse(id, CultureInfo.InvariantCulture, out var number) ? number : 0).ToList();
        var servers = await db.SmtpServers.AsNoTracking().Where(s => numbers.Contains(s.Id)).ToDictionaryAsync(s => s.Id.ToString(CultureInfo.InvariantCulture), s => s.Name, ct);
        var channels = await db.EmailChannels.AsNoTracking().Where(c => numbers.Contains(c.Id)).ToDictionaryAsync(c => c.Id.ToString(CultureInfo.InvariantCulture), c => c.Name, ct);
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return [.. grants.Select(g => new MailboxToReconnect(g.Owner, g.OwnerId, (g.Owner switch
            {
                GrantOwner.Server => servers,
                GrantOwner.Channel => channels,
                _ => users,
            }).GetValueOrDefault(g.OwnerId, g.OwnerId), g.Account, g.Problem)).OrderBy(m => m.Owner).ThenBy(m => m.OwnerName)];
    }

    /// <summary>The state of one user's own mailbox, for the banner on every page; null when they sign in with a password.</summary>
    public async Task<GrantStatus?> StatusOfAsync(GrantKey key, CancellationToken ct) =>
        await db.OAuthGrants.AsNoTracking().Where(g => g.Owner == key.Owner && g.OwnerId == key.OwnerId).Select(g => (GrantStatus?)g.Status).SingleOrDefaultAsync(ct);
}
