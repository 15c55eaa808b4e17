using MailRouting.Data;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Outbox.SentCopy;

/// <summary>
/// Takes due copies with a lease, as the delivery worker takes messages: one UPDATE guarded by the lease columns, so
/// two instances never copy the same message at once. The lease outlasts a copy's time limit, so it needs no renewal.
/// </summary>
public sealed class SentCopyClaims(MailRoutingDbContext db, WorkerIdentity identity, SendingOptions options, TimeProvider time)
{
    /// <returns>The outbox ids of the copies this worker now holds.</returns>
    public async Task<IReadOnlyList<Guid>> ClaimAsync(int max, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var due = await db.SentCopies.AsNoTracking()
            .Where(j => j.Status == SentCopyStatus.Pending && j.NextAttemptAt <= now && (j.LeaseUntil == null || j.LeaseUntil < now))
            .OrderBy(j => j.NextAttemptAt).Select(j => j.OutboxMessageId).Take(max).ToListAsync(ct);
        if (due.Count == 0)
        {
            return [];
        }

        var until = now + (options.SentCopyTimeout * 2);
        await db.SentCopies.Where(j => due.Contains(j.OutboxMessageId) && j.Status == SentCopyStatus.Pending && (j.LeaseUntil == null || j.LeaseUntil < now))
            .ExecuteUpdateAsync(j => j.SetProperty(x => x.LeaseOwner, identity.Name).SetProperty(x => x.LeaseUntil, until), ct);
        return await db.SentCopies.AsNoTracking().Where(j => due.Contains(j.OutboxMessageId) && j.LeaseOwner == identity.Name && j.LeaseUntil == until)
            .Select(j => j.OutboxMessageId).ToListAsync(ct);
    }
}
