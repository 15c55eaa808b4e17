using MailRouting.Data;
using MailRouting.Resolution;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Channels;

/// <summary>Reads who may use channels: their chosen users and groups, each group with its members.</summary>
public sealed class ChannelAccessRules(MailRoutingDbContext db)
{
    /// <summary>The rule of each channel for one use; channels open to every agent get <see cref="AccessRule.Open"/> without a query.</summary>
    public async Task<IReadOnlyDictionary<int, AccessRule>> ForAsync(IReadOnlyCollection<EmailChannel> channels, ChannelUse use, CancellationToken ct)
    {
        var limited = channels.Where(c => !IsOpen(c, use)).Select(c => c.Id).ToList();
        var grantees = limited.Count == 0 ? [] : await db.ChannelGrantees.AsNoTracking()
            .Where(g => limited.Contains(g.ChannelId) && g.Use == use).ToListAsync(ct);
        var groupIds = grantees.Where(g => g.GroupId is not null).Select(g => g.GroupId!.Value).Distinct().ToList();
        var groups = groupIds.Count == 0 ? new Dictionary<int, GroupAccess>() : (await db.UserGroups.AsNoTracking()
                .Where(g => groupIds.Contains(g.Id)).Select(g => new { g.Id, g.Name, Members = g.Members.Select(m => m.UserId).ToList() }).ToListAsync(ct))
            .ToDictionary(g => g.Id, g => new GroupAccess(g.Name, g.Members.ToHashSet()));
        var byChannel = grantees.ToLookup(g => g.ChannelId);
        return channels.ToDictionary(c => c.Id, c => IsOpen(c, use) ? AccessRule.Open : new AccessRule(false,
            byChannel[c.Id].Where(g => g.UserId is not null).Select(g => g.UserId!).ToHashSet(),
            [.. byChannel[c.Id].Where(g => g.GroupId is not null).Select(g => groups[g.GroupId!.Value])]));
    }

    public async Task<AccessRule> ForAsync(EmailChannel channel, ChannelUse use, CancellationToken ct) => (await ForAsync([channel], use, ct))[channel.Id];

    private static bool IsOpen(EmailChannel channel, ChannelUse use) => use == ChannelUse.Sender ? channel.UsableAsSender : channel.UsableAsReplyTo;
}
