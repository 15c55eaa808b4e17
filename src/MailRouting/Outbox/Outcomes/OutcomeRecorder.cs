using MailRouting.Connections;
using Microsoft.Extensions.Logging;

namespace MailRouting.Outbox.Outcomes;

/// <summary>
/// Writes what happened to a message onto it: sent, retried after a back-off, held until its sign-in settings change, or
/// failed for good. Every outcome gives the lease back; the pass's writer saves the message.
/// </summary>
public sealed class OutcomeRecorder(SendingOptions options, WorkerIdentity identity, ILogger<OutcomeRecorder> logger)
{
    /// <summary>Every property an outcome may change (besides <see cref="OutboxMessage.Attempts"/>): the writer
    /// saves these and no other.</summary>
    public static readonly string[] Changes =
    [
        nameof(OutboxMessage.Status), nameof(OutboxMessage.SentAt), nameof(OutboxMessage.QueueId),
        nameof(OutboxMessage.NextAttemptAt),
        nameof(OutboxMessage.HeldForConfiguration), nameof(OutboxMessage.LeaseOwner), nameof(OutboxMessage.LeaseUntil),
        nameof(OutboxMessage.ServerId), nameof(OutboxMessage.Credentials), nameof(OutboxMessage.Login),
        nameof(OutboxMessage.FallbackFromServerId),
    ];

    public void Sent(OutboxMessage message, DateTime at, string reply)
    {
        message.Status = MessageStatus.Sent;
        message.SentAt = at;
        message.QueueId = SmtpReplies.QueueIdOf(reply);
        message.Attempts.Add(new DeliveryAttempt { At = at, Worker = identity.Name, Outcome = "Sent",
            ServerReply = reply });
        Release(message);
        logger.LogInformation("Message {MessageId} sent as {From}, queued as {QueueId}", message.Id, message.EnvelopeFrom, message.QueueId);
    }

    /// <summary>
    /// An attempt that failed on <paramref name="route"/>: moved to the server's fallback when the failure asks for it
    /// and the resolver allows it, else as <see cref="Failed(OutboxMessage, DateTime, SendFailure)"/> (saying why the
    /// fallback could not carry it).
    /// </summary>
    public void Failed(OutboxMessage message, DateTime at, SendFailure failure, Delivery.Route route)
    {
        switch (FallbackMove.For(message, failure, route))
        {
            case { Plan: { } plan }:
                MovedToFallback(message, at, failure, plan);
                break;
            case { Failure: { } notMoved }:
                Failed(message, at, failure with { Diagnostic = failure.Diagnostic with
                {
                    Message = $"{failure.Diagnostic.Message} Not moved to the fallback: {notMoved.Message}",
                } });
                break;
            default:
                Failed(message, at, failure);
                break;
        }
    }

    /// <summary>An attempt that failed: retried while temporary, held when the settings must change, else failed for good.</summary>
    public void Failed(OutboxMessage message, DateTime at, SendFailure failure)
    {
        var young = at - message.CreatedAt < options.MaxAge;
        var retry = failure.Temporary && young;
        var hold = failure.NeedsConfiguration && young;
        message.Attempts.Add(new DeliveryAttempt
        {
            At = at,
            Worker = identity.Name,
            Outcome = retry ? "Retrying" : hold ? "Held until the sign-in settings change" : "Failed",
            ServerReply = failure.Reply,
            DiagnosticCode = failure.Diagnostic.Code.ToString(),
            Diagnostic = failure.Diagnostic.Message,
            CertificateSha256 = failure.CertificateSha256,
        });
        message.Status = retry || hold ? MessageStatus.Retrying : MessageStatus.Failed;
        message.HeldForConfiguration = hold;
        // A held message is not retried on a timer: trying the same rejected login again would only lock the account.
        message.NextAttemptAt = retry
            ? at + Backoff.After(message.Attempts.Count, options.RetryBase, Random.Shared.NextDouble())
            : hold ? message.CreatedAt + options.MaxAge : at;
        Release(message);
        logger.LogWarning("Message {MessageId} attempt {Attempt}: {Code} ({Outcome})", message.Id, message.Attempts.Count,
            failure.Diagnostic.Code, message.Status);
    }

    private void MovedToFallback(OutboxMessage message, DateTime at, SendFailure failure, Resolution.SendPlan plan)
    {
        message.Attempts.Add(new DeliveryAttempt
        {
            At = at,
            Worker = identity.Name,
            Outcome = $"Moved to the fallback server {plan.Server.Name} ({plan.Server.Where})",
            ServerReply = failure.Reply,
            DiagnosticCode = failure.Diagnostic.Code.ToString(),
            Diagnostic = $"{failure.Diagnostic.Message} {string.Join(" ", plan.Steps)}",
        });
        logger.LogWarning("Message {MessageId} moved from server {ServerId} to its fallback {FallbackId} after {Code}",
            message.Id, message.ServerId, plan.Server.Id, failure.Diagnostic.Code);
        message.FallbackFromServerId = message.ServerId;
        message.Follow(plan);
        message.Status = MessageStatus.Retrying;
        message.HeldForConfiguration = false;
        message.NextAttemptAt = at;
        Release(message);
    }

    /// <summary>Not an attempt: the message waits, for the server's per-minute budget or for another pass.</summary>
    public static void Postpone(OutboxMessage message, DateTime until)
    {
        message.Status = message.Attempts.Count == 0 ? MessageStatus.Queued : MessageStatus.Retrying;
        message.NextAttemptAt = until;
        Release(message);
    }

    private static void Release(OutboxMessage message)
    {
        message.LeaseOwner = null;
        message.LeaseUntil = null;
    }
}
