using MailRouting.Channels;
using MailRouting.Data;
using MailRouting.Servers;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Readiness;

/// <summary>What became of one channel in a move: moved after its test succeeded, or left where it was and
/// why.</summary>
public sealed record ChannelMoveResult(int ChannelId, string? Channel, bool Moved, string Outcome);

/// <summary>
/// The readiness page's one step: move channels to another server (typically Microsoft Graph), each only after a test
/// of
/// it there succeeds, so a channel that would not send stays where it is.
/// </summary>
public sealed class ChannelMoves(MailRoutingDbContext db, ChannelService channels)
{
    public const int MaxChannels = 200;

    /// <returns>One result per channel, or null when the target server does not exist.</returns>
    public async Task<IReadOnlyList<ChannelMoveResult>?> MoveAsync(int serverId, IReadOnlyCollection<int> channelIds,
        string? recipient,
        CancellationToken ct)
    {
        if (await db.SmtpServers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == serverId, ct) is not { } server)
        {
            return null;
        }

        var results = new List<ChannelMoveResult>();
        foreach (var id in channelIds.Distinct())
        {
            var (test, change) = await channels.MoveToServerAsync(id, serverId, recipient, ct);
            var name = test?.Plan?.From.Address ?? await db.EmailChannels.Where(c => c.Id == id).Select(c =>
                    c.Address).SingleOrDefaultAsync(ct);
            results.Add(change.Outcome switch
            {
                ChangeOutcome.Done => new ChannelMoveResult(id, name, true, $"Tested and moved to {server.Name} "
                    + $"({server.Transport.Describe()})."),
                ChangeOutcome.NotFound => new ChannelMoveResult(id, null, false, "No such channel."),
                _ => new ChannelMoveResult(id, name, false, $"Not moved: {change.Message}"),
            });
        }

        return results;
    }
}
