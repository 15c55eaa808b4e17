using MailRouting.Data;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Outbox.Claims;

/// <summary>
/// Takes the due messages for one pass with a lease: one UPDATE guarded by the lease columns, so two processes never take
/// the same message. A batch ends at <see cref="SendingOptions.BatchSize"/> messages or <see cref="SendingOptions.BatchBytes"/>.
/// </summary>
public sealed class OutboxClaims(MailRoutingDbContext db, SendingOptions options, WorkerIdentity identity, TimeProvider time)
{
    private readonly string worker = identity.Name;

    /// <param name="busyServers">Servers another running pass of this instance sends through: their messages stay.</param>
    public async Task<(List<OutboxMessage> Messages, PassLease Lease)> ClaimAsync(IReadOnlyCollection<int> busyServers,
        CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var ids = await DueAsync(busyServers, now, ct);
        var until = now + options.Lease;
        var lease = new PassLease(until, options.Lease);
        if (ids.Count == 0)
        {
            return ([], lease);
        }

        await db.Outbox
            .Where(m => ids.Contains(m.Id) && (m.LeaseUntil == null || m.LeaseUntil < now)
                && m.Status != MessageStatus.Sent && m.Status != MessageStatus.Failed)
            .ExecuteUpdateAsync(m => m.SetProperty(x => x.LeaseOwner, worker).SetProperty(x => x.LeaseUntil, until)
                .SetProperty(x => x.Status, MessageStatus.Sending), ct);
        var mine = await db.Outbox.AsNoTracking().Where(m => ids.Contains(m.Id) && m.LeaseOwner == worker && m.LeaseUntil == until)
            .OrderBy(m => m.NextAttemptAt).ToListAsync(ct);
        return (mine, lease);
    }

    /// <summary>Messages queued, retrying or being sent, for the queue-depth gauge.</summary>
    public Task<int> WaitingAsync(CancellationToken ct) =>
        db.Outbox.CountAsync(m => m.Status == MessageStatus.Queued || m.Status == MessageStatus.Retrying || m.Status == MessageStatus.Sending, ct);

    private async Task<List<Guid>> DueAsync(IReadOnlyCollection<int> busyServers, DateTime now, CancellationToken ct)
    {
        var due = await db.Outbox.AsNoTracking()
            .Where(m => (m.Status == MessageStatus.Queued || m.Status == MessageStatus.Retrying || m.Status == MessageStatus.Sending)
                && m.NextAttemptAt <= now && (m.LeaseUntil == null || m.LeaseUntil < now) && !busyServers.Contains(m.ServerId)
                // Not the messages of a login whose every session other instances hold: those instances send them.
                && !db.SmtpServers.Any(s => s.Id == m.ServerId
                    && db.SessionSlots.Count(slot => slot.ServerId == m.ServerId && slot.Login == m.Login && slot.Owner != worker
                        && slot.Until >= now) >= (s.MaxConcurrentSessions ?? 1)))
            .OrderBy(m => m.NextAttemptAt).Select(m => new { m.Id, Bytes = (long)m.Mime.Length }).Take(options.BatchSize)
            .ToListAsync(ct);
        var ids = new List<Guid>();
        var bytes = 0L;
        foreach (var candidate in due.TakeWhile(c => ids.Count == 0 || bytes + c.Bytes <= options.BatchBytes))
        {
            ids.Add(candidate.Id);
            bytes += candidate.Bytes;
        }

        return ids;
    }
}
