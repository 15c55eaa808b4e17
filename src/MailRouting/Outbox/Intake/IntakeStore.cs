using MailRouting.Data;
using MailRouting.Resolution;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MailRouting.Outbox.Intake;

/// <summary>Where accepted messages are kept: saved together in one transaction, found again by their idempotency key.</summary>
public sealed class IntakeStore(MailRoutingDbContext db, OutboxSignal outbox, ILogger<IntakeStore> logger)
{
    /// <summary>The message the actor already sent with this idempotency key, if any.</summary>
    public async Task<OutboxMessage?> RepeatedAsync(string? key, Actor actor, CancellationToken ct) =>
        key is { Length: > 0 }
            ? await db.Outbox.AsNoTracking().SingleOrDefaultAsync(m => m.CreatedBy == actor.UserId && m.IdempotencyKey == key, ct)
            : null;

    /// <returns>False when a concurrent request stored one of these idempotency keys first; nothing is saved then.</returns>
    public async Task<bool> SaveAsync(List<OutboxMessage> messages, Actor actor, CancellationToken ct)
    {
        db.Outbox.AddRange(messages);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (messages.Any(m => m.IdempotencyKey is not null))
        {
            db.ChangeTracker.Clear();
            if (!await KeyTakenAsync(messages, actor, ct))
            {
                throw;
            }

            return false;
        }

        outbox.Notify();
        foreach (var message in messages)
        {
            logger.LogInformation("Message {MessageId} queued as {Sender} via server {ServerId} for {Count} recipients", message.Id,
                message.FromAddress, message.ServerId, message.Recipients.Count);
        }

        return true;
    }

    private async Task<bool> KeyTakenAsync(List<OutboxMessage> messages, Actor actor, CancellationToken ct)
    {
        var keys = messages.Select(m => m.IdempotencyKey).OfType<string>().ToList();
        return keys.Count > 0 && await db.Outbox.AsNoTracking().AnyAsync(m => m.CreatedBy == actor.UserId && keys.Contains(m.IdempotencyKey!), ct);
    }
}
