using System.Globalization;
using MailRouting.Data;
using MailRouting.Resolution;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MailRouting.Outbox.Intake;

/// <summary>
/// Queues a failed message again after an admin fixed the configuration. It is resolved anew with the configuration as it
/// is now (server, login, From and the implied Reply-To may change), keeps its Message-ID, and its attempts say the new route.
/// </summary>
public sealed class MessageRetry(MailRoutingDbContext db, SenderResolution resolution, OutboxSignal outbox, TimeProvider time,
    ILogger<MessageRetry> logger)
{
    public async Task<Change<OutboxMessage>> RetryAsync(Guid id, Actor admin, CancellationToken ct)
    {
        var message = await db.Outbox.SingleOrDefaultAsync(m => m.Id == id, ct);
        if (message is null)
        {
            return Change<OutboxMessage>.NotFound("message");
        }

        if (message.Status != MessageStatus.Failed)
        {
            return Change<OutboxMessage>.Refused("Only a failed message can be retried.");
        }

        var resolved = message.SenderKind == SenderKind.Channel
            ? await resolution.ForChannelAsync(int.Parse(message.SenderId, CultureInfo.InvariantCulture), ct,
                new SendContext(admin))
            : await resolution.ForUserAsync(message.SenderId, ct, new SendContext(admin));
        if (resolved?.Resolution is not { Plan: { } plan })
        {
            var why = resolved?.Resolution.Failure is { } failure ? $"{failure.Message} {failure.Fix}" : "Its sender no longer exists.";
            return Change<OutboxMessage>.Refused($"The message cannot be sent as things are now: {why}");
        }

        var now = time.GetUtcNow().UtcDateTime;
        message.Mime = OutgoingMime.Readdressed(message.Mime, plan, resolved.Sender.Address);
        message.Follow(plan);
        message.FromAddress = plan.From.Address;
        message.Status = MessageStatus.Queued;
        message.HeldForConfiguration = false;
        message.NextAttemptAt = now;
        message.Attempts.Add(new DeliveryAttempt { At = now, Outcome = $"Retry: resolved anew, {plan.Summary}" });
        await db.SaveChangesAsync(ct);
        outbox.Notify();
        logger.LogInformation("Message {MessageId} queued again by {UserId}: {Route}", id, admin.UserId, plan.Summary);
        return Change<OutboxMessage>.Done(message);
    }
}
