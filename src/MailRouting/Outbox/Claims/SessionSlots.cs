using MailRouting.Data;
using MailRouting.Outbox.Delivery;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Outbox.Claims;

/// <summary>
/// The database's record of which worker holds which of a login's parallel SMTP sessions. A worker opens a session only
/// on a slot it holds; it keeps the slot while the session is open (renewing it with its message leases) and gives it
/// back once the session is closed. A worker that dies loses its slots when they expire, after one lease.
/// </summary>
public sealed class SessionSlots(MailRoutingDbContext db, WorkerIdentity identity, SendingOptions options, TimeProvider time)
{
    private readonly string worker = identity.Name;

    /// <summary>
    /// Keeps the slots this worker holds for the login (<see cref="SyncAsync"/> renewed them at the pass's start) and takes
    /// free ones until it holds <paramref name="wanted"/>.
    /// </summary>
    /// <param name="account">The login as <see cref="SmtpSessions.AccountOf"/> names it.</param>
    /// <param name="messages">The server and login the messages to send name.</param>
    /// <param name="limit">The server's parallel sessions: the slots are numbered 0 up to it.</param>
    /// <returns>The numbers of the slots this worker holds, below the limit; none when other workers hold them all.</returns>
    public async Task<IReadOnlyList<int>> TakeAsync(string account, (int ServerId, string? Login) messages, int limit, int wanted, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var until = now + options.Lease;
        var taken = await db.SessionSlots.AsNoTracking().Where(s => s.Account == account && s.Slot < limit).ToListAsync(ct);
        var mine = taken.Where(s => s.Owner == worker).Select(s => s.Slot).ToList();

        for (var slot = 0; slot < limit && mine.Count < wanted; slot++)
        {
            var holder = taken.FirstOrDefault(s => s.Slot == slot);
            var mineNow = holder is null
                ? await db.TryAddOnceAsync(new SessionSlot { Account = account, ServerId = messages.ServerId, Login = messages.Login, Slot = slot, Owner = worker, Until = until }, ct)
                : holder.Owner != worker && holder.Until < now && await db.SessionSlots
                    .Where(s => s.Account == account && s.Slot == slot && s.Owner == holder.Owner && s.Until < now)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.Owner, worker).SetProperty(x => x.Until, until), ct) == 1;
            if (mineNow)
            {
                mine.Add(slot);
            }
        }

        return mine;
    }

    /// <summary>Gives back the slots whose session this worker no longer has open, and renews the rest.</summary>
    /// <param name="open">The worker's open sessions: login and slot.</param>
    /// <param name="inFlight">Servers another pass of this worker sends through: their slots are kept, sessions or not yet.</param>
    public async Task SyncAsync(IReadOnlyCollection<(string Account, int Slot)> open, IReadOnlyCollection<int> inFlight, CancellationToken ct)
    {
        var held = await db.SessionSlots.AsNoTracking().Where(s => s.Owner == worker).Select(s => new { s.Account, s.Slot, s.ServerId }).ToListAsync(ct);
        foreach (var closed in held.Where(h => !open.Contains((h.Account, h.Slot)) && !inFlight.Contains(h.ServerId)))
        {
            await db.SessionSlots.Where(s => s.Account == closed.Account && s.Slot == closed.Slot && s.Owner == worker).ExecuteDeleteAsync(ct);
        }

        if (held.Count > 0)
        {
            await RenewAsync(ct);
        }
    }

    public Task<int> RenewAsync(CancellationToken ct)
    {
        var until = time.GetUtcNow().UtcDateTime + options.Lease;
        return db.SessionSlots.Where(s => s.Owner == worker).ExecuteUpdateAsync(s => s.SetProperty(x => x.Until, until), ct);
    }
}
