using MailRouting.Outbox.SentCopy;
using MailRouting.Resolution;

namespace MailRouting.Outbox.Status;

/// <param name="Credentials">Whose login the message goes out with: the server's shared one, or the sender's own.</param>
/// <param name="NextAttemptAt">
/// While it waits on a timer (queued or retrying, not held for new settings): when it is tried next, or until when a
/// mailbox paused for its daily limit holds it.
/// </param>
/// <param name="Bounces">What came back after delivery, oldest first: bounces and delays, with their meaning.</param>
/// <param name="FallbackFromServerId">
/// The server that refused the way it signs in, when the message moved to its fallback (then
/// <paramref name="ServerId"/>).
/// </param>
public sealed record MessageView(Guid Id, MessageStatus Status, string MessageId, SenderKind SenderKind, string SenderId, string From, string EnvelopeFrom,
    int ServerId, string? Login, CredentialSource Credentials, string Subject, IReadOnlyList<string> Recipients, DateTime CreatedAt, DateTime? SentAt,
    string? QueueId, IReadOnlyList<DeliveryAttempt> Attempts, SentCopyView? SentCopy, int? FallbackFromServerId = null,
    DateTime? NextAttemptAt = null, IReadOnlyList<Bounces.BounceView>? Bounces = null);
