using MailRouting.Data;
using MailRouting.Resolution;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Channels;

/// <summary>What one user may do with one channel, each answer with the rule that decided it.</summary>
public sealed record ChannelRightsOfUser(int ChannelId, string Address, AccessDecision Sender, AccessDecision ReplyTo);

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

    /// <summary>Every active channel with what the user may do with it and why (for an agent; admins may use all).</summary>
    public async Task<IReadOnlyList<ChannelRightsOfUser>> OfUserAsync(string userId, string name, CancellationToken ct)
    {
        var channels = await db.EmailChannels.AsNoTracking().Where(c => c.IsActive).OrderBy(c => c.Address).ToListAsync(ct);
        var senders = await ForAsync(channels, ChannelUse.Sender, ct);
        var replyTos = await ForAsync(channels, ChannelUse.ReplyTo, ct);
        return [.. channels.Select(c => new ChannelRightsOfUser(c.Id, c.Address, senders[c.Id].Decide(userId, name, c.Address, ChannelUse.Sender),
            replyTos[c.Id].Decide(userId, name, c.Address, ChannelUse.ReplyTo)))];
    }

    private static bool IsOpen(EmailChannel channel, ChannelUse use) => use == ChannelUse.Sender ? channel.UsableAsSender : channel.UsableAsReplyTo;
}
