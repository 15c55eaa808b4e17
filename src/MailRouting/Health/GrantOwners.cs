using System.Globalization;
using MailRouting.Data;
using MailRouting.OAuth;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Health;

/// <summary>Reads the owners of a set of grants in three queries.</summary>
public sealed class GrantOwners(MailRoutingDbContext db)
{
    public async Task<Func<OAuthGrant, GrantOwnerView>> ForAsync(IReadOnlyCollection<OAuthGrant> grants,
        CancellationToken ct)
    {
        var ids = grants.Select(g => g.OwnerId).ToHashSet();
        var defaultId = await db.SmtpServers.Where(s => s.IsDefault).Select(s => (int?)s.Id).SingleOrDefaultAsync(ct);
        var servers = await db.SmtpServers.AsNoTracking().ToDictionaryAsync(s =>
                s.Id.ToString(CultureInfo.InvariantCulture), s => s.Name, ct);
        var channelIds = grants.Where(g => g.Owner == GrantOwner.Channel).Select(g =>
                int.Parse(g.OwnerId, CultureInfo.InvariantCulture)).ToList();
        var channels = await db.EmailChannels.AsNoTracking().Where(c => channelIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id.ToString(CultureInfo.InvariantCulture), c =>
                    (c.Name, c.ServerId ?? defaultId), ct);
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => (Name: u.Email ?? u.Id, Server: u.ServerId ?? defaultId), ct);
        return grant => grant.Owner switch
        {
            GrantOwner.Server =>
                new GrantOwnerView($"the server {servers.GetValueOrDefault(grant.OwnerId)}", "An admin",
                $"/SmtpServers/Details/{grant.OwnerId}", [int.Parse(grant.OwnerId, CultureInfo.InvariantCulture)]),
            GrantOwner.Channel when channels.TryGetValue(grant.OwnerId, out var channel) => new GrantOwnerView(
                $"the channel {channel.Name}", "An admin", $"/Channels/Details/{grant.OwnerId}",
                    Servers(channel.Item2)),
            _ when users.TryGetValue(grant.OwnerId, out var user) => new GrantOwnerView($"the user {user.Name}",
                $"{user.Name}, on their Profile (or an admin)", $"/Users/Edit/{grant.OwnerId}", Servers(user.Server)),
            _ => new GrantOwnerView("a login that no longer exists", "An admin", "/", []),
        };
    }

    private static IReadOnlyList<int> Servers(int? id) => id is { } server ? [server] : [];
}
