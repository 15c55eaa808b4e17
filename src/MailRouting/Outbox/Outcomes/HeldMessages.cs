using MailRouting.Data;
using MailRouting.Resolution;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Outbox.Outcomes;

/// <summary>Releases messages held after a rejected sign-in once the settings that sign in have changed.</summary>
public static class HeldMessages
{
    public static Task<int> ReleaseForServerAsync(this MailRoutingDbContext db, int serverId, DateTime now, CancellationToken ct) =>
        Release(db.Outbox.Where(m => m.ServerId == serverId), now, ct);

    public static Task<int> ReleaseForSenderAsync(this MailRoutingDbContext db, SenderKind kind, string senderId, DateTime now, CancellationToken ct) =>
        Release(db.Outbox.Where(m => m.SenderKind == kind && m.SenderId == senderId), now, ct);

    /// <summary>
    /// After a sender moved to <paramref name="target"/>: each of its held messages goes there as the resolver decides
    /// for a message whose From is fixed, and is released at once; one the target cannot carry stays held where it
    /// was. Each moved message's attempts say so.
    /// </summary>
    /// <param name="why">Why the messages go there, the first step of each decision.</param>
    /// <returns>How many moved.</returns>
    public static async Task<int> MoveHeldForSenderAsync(this MailRoutingDbContext db, SenderKind kind, string senderId,
        RoutingServer target, string why, DateTime now, CancellationToken ct)
    {
        var held = await db.Outbox.Where(m => m.SenderKind == kind && m.SenderId == senderId && m.HeldForConfiguration)
            .ToListAsync(ct);
        var moved = 0;
        foreach (var message in held)
        {
            if (SenderResolver.Keeping(target, message.Credentials, message.Login, message.FromAddress, why).Plan
                is not { } plan)
            {
                continue;
            }

            message.Attempts.Add(new DeliveryAttempt { At = now, Outcome = $"Moved to {target.Name} ({target.Where})",
                Diagnostic = string.Join(" ", plan.Steps) });
            message.Follow(plan);
            (message.HeldForConfiguration, message.NextAttemptAt) = (false, now);
            moved++;
        }

        await db.SaveChangesAsync(ct);
        return moved;
    }

    private static Task<int> Release(IQueryable<OutboxMessage> messages, DateTime now, CancellationToken ct) =>
        messages.Where(m => m.HeldForConfiguration)
            .ExecuteUpdateAsync(m => m.SetProperty(x => x.HeldForConfiguration, false).SetProperty(x => x.NextAttemptAt, now), ct);
}
