using MailRouting.Channels;
using MailRouting.Data;
using MailRouting.Servers;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Readiness;

/// <summary>
/// The readiness page's one step: move channels to another server (typically Microsoft Graph), each only after a test
/// of it there succeeds, so a channel that would not send stays where it is.
/// </summary>
public sealed class ChannelMoves(MailRoutingDbContext db, ChannelService channels)
{
    public const int MaxChannels = 200;

    /// <returns>One result per channel, or null when the target server does not exist.</returns>
    public async Task<IReadOnlyList<ChannelMoveResult>?> MoveAsync(int serverId, IReadOnlyCollection<int> channelIds,
        string? recipient, CancellationToken ct)
    {
        if (await db.SmtpServers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == serverId, ct) is not { } server)
        {
            return null;
        }

        var ids = channelIds.Distinct().ToList();
        var addresses = await db.EmailChannels.AsNoTracking().Where(c => ids.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.Address, ct);
        var results = new List<ChannelMoveResult>();
        foreach (var id in ids)
        {
            var (_, change) = await channels.MoveToServerAsync(id, serverId, recipient, ct);
            results.Add(change.Outcome switch
            {
                ChangeOutcome.Done => new ChannelMoveResult(id, addresses[id], true,
                    $"Tested and moved to {server.Name} ({server.Transport.Describe()})."),
                ChangeOutcome.NotFound => new ChannelMoveResult(id, null, false, "No such channel."),
                _ => new ChannelMoveResult(id, addresses.GetValueOrDefault(id), false, $"Not moved: {change.Message}"),
            });
        }

        return results;
    }
}
