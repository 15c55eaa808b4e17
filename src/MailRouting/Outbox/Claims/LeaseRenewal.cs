using MailRouting.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MailRouting.Outbox.Claims;

/// <summary>
/// Extends a pass's lease on the messages it still holds, and the worker's session slots with it. A message that is no
/// longer this worker's (the renewal came too late and another instance claimed it) is neither sent nor saved from then on.
/// </summary>
public sealed class LeaseRenewal(MailRoutingDbContext db, SessionSlots slots, SendingOptions options, WorkerIdentity identity,
    TimeProvider time, ILogger<LeaseRenewal> logger)
{
    private readonly string worker = identity.Name;

    /// <param name="held">The claimed messages whose outcome is not saved yet.</param>
    public async Task RenewAsync(PassLease lease, IReadOnlyCollection<Guid> held, CancellationToken ct)
    {
        var until = time.GetUtcNow().UtcDateTime + options.Lease;
        var ids = held.ToList();
        var renewed = ids.Count == 0 ? 0 : await db.Outbox.Where(m => ids.Contains(m.Id) && m.LeaseOwner == worker)
            .ExecuteUpdateAsync(m => m.SetProperty(x => x.LeaseUntil, until), ct);
        var lost = new List<Guid>();
        if (renewed < ids.Count)
        {
            var stillMine = await db.Outbox.Where(m => ids.Contains(m.Id) && m.LeaseOwner == worker).Select(m => m.Id).ToListAsync(ct);
            lost = [.. ids.Except(stillMine)];
            logger.LogWarning("{Count} messages were claimed by another instance before this worker renewed its lease; "
                + "it leaves them to that instance", lost.Count);
        }

        lease.Renewed(until, lost);
        await slots.RenewAsync(ct);
    }
}
