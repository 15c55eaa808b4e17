using System.Globalization;
using MailRouting.Data;
using MailRouting.Resolution;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Outbox.Intake;

/// <summary>
/// After a fix, every failed message of a server or a channel queued again at once; each is resolved anew with the
/// configuration as it is now, exactly as a single Retry does.
/// </summary>
public sealed class BulkRetry(MailRoutingDbContext db, MessageRetry messages)
{
    /// <summary>A click retries at most this many; the rest stay for the next one.</summary>
    public const int Limit = 1000;

    /// <returns>Null when the server does not exist.</returns>
    public async Task<BulkRetryResult?> ForServerAsync(int serverId, Actor admin, CancellationToken ct) =>
        await db.SmtpServers.AnyAsync(s => s.Id == serverId, ct) ? await RetryAsync(db.Outbox.Where(m => m.ServerId == serverId), admin, ct) : null;

    /// <returns>Null when the channel does not exist.</returns>
    public async Task<BulkRetryResult?> ForChannelAsync(int channelId, Actor admin, CancellationToken ct)
    {
        var sender = channelId.ToString(CultureInfo.InvariantCulture);
        return await db.EmailChannels.AnyAsync(c => c.Id == channelId, ct)
            ? await RetryAsync(db.Outbox.Where(m => m.SenderKind == SenderKind.Channel && m.SenderId == sender), admin, ct)
            : null;
    }

    private async Task<BulkRetryResult> RetryAsync(IQueryable<OutboxMessage> scope, Actor admin, CancellationToken ct)
    {
        var ids = await scope.Where(m => m.Status == MessageStatus.Failed).OrderBy(m => m.CreatedAt).Select(m => m.Id).Take(Limit).ToListAsync(ct);
        var queued = 0;
        var reasons = new List<string>();
        foreach (var id in ids)
        {
            var change = await messages.RetryAsync(id, admin, ct);
            if (change.Outcome == ChangeOutcome.Done)
            {
                queued++;
            }
            else
            {
                reasons.Add(change.Message ?? "Not retried.");
            }
        }

        return new BulkRetryResult(queued, reasons.Count, [.. reasons.Distinct()]);
    }
}
