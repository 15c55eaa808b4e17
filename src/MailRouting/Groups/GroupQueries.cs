using MailRouting.Data;
using MailRouting.Resolution;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Groups;

public sealed record GroupMemberView(string Id, string Email, string DisplayName);

/// <summary>A channel the group was given, for one use.</summary>
public sealed record GroupChannelView(int Id, string Address, ChannelUse Use);

public sealed record GroupSummary(int Id, string Name, IReadOnlyList<GroupMemberView> Members, IReadOnlyList<GroupChannelView> Channels, Guid Version);

public sealed class GroupQueries(MailRoutingDbContext db)
{
    public async Task<IReadOnlyList<GroupSummary>> ListAsync(CancellationToken ct) => await Project(db.UserGroups.AsNoTracking().OrderBy(g => g.Name), ct);

    public async Task<GroupSummary?> FindAsync(int id, CancellationToken ct) => (await Project(db.UserGroups.AsNoTracking().Where(g => g.Id == id), ct)).SingleOrDefault();

    /// <summary>The groups a user is a member of, by name.</summary>
    public async Task<IReadOnlyList<string>> OfUserAsync(string userId, CancellationToken ct) =>
        await db.UserGroups.AsNoTracking().Where(g => g.Members.Any(m => m.UserId == userId)).OrderBy(g => g.Name).Select(g => g.Name).ToListAsync(ct);

    /// <summary>Three plain queries (groups, members, channels) that every provider translates.</summary>
    private async Task<IReadOnlyList<GroupSummary>> Project(IQueryable<UserGroup> groups, CancellationToken ct)
    {
        var rows = await groups.Select(g => new { g.Id, g.Name, g.Version }).ToListAsync(ct);
        var ids = rows.Select(g => g.Id).ToList();
        var members = (await db.UserGroupMembers.Where(m => ids.Contains(m.GroupId))
                .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.GroupId, Member = new GroupMemberView(u.Id, u.Email!, u.DisplayName) })
                .ToListAsync(ct))
            .ToLookup(m => m.GroupId, m => m.Member);
        var channels = (await db.ChannelGrantees.Where(c => c.GroupId != null && ids.Contains(c.GroupId.Value))
                .Join(db.EmailChannels, c => c.ChannelId, ch => ch.Id, (c, ch) => new { c.GroupId, Channel = new GroupChannelView(ch.Id, ch.Address, c.Use) })
                .ToListAsync(ct))
            .ToLookup(c => c.GroupId!.Value, c => c.Channel);
        return [.. rows.Select(g => new GroupSummary(g.Id, g.Name, [.. members[g.Id].OrderBy(m => m.Email, StringComparer.OrdinalIgnoreCase)],
            [.. channels[g.Id].OrderBy(c => c.Address, StringComparer.OrdinalIgnoreCase).ThenBy(c => c.Use)], g.Version))];
    }
}
