using MailRouting.Resolution;

namespace MailRouting.Outbox;

/// <summary>
/// A message waiting to go out, stored with the resolution that was valid when it was accepted (the snapshot), so a
/// later configuration change cannot send it as someone else. Times are UTC <see cref="DateTime"/> so SQLite can compare them.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; } = Guid.NewGuid();

    /// <summary>The Message-ID header, the same on every attempt.</summary>
    public required string MessageId { get; set; }

    public SenderKind SenderKind { get; set; }
    public required string SenderId { get; set; }
    public required string CreatedBy { get; set; }
    public string? IdempotencyKey { get; set; }

    public int ServerId { get; set; }
    public CredentialSource Credentials { get; set; }
    public string? Login { get; set; }
    public required string FromAddress { get; set; }
    public required string EnvelopeFrom { get; set; }
    public List<string> Recipients { get; set; } = [];
    public required string Subject { get; set; }
    public required byte[] Mime { get; set; }

    public MessageStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTime? LeaseUntil { get; set; }
    public DateTime? SentAt { get; set; }

    /// <summary>Held after the server rejected the sign-in; released when the server's, channel's or user's settings change.</summary>
    public bool HeldForConfiguration { get; set; }
    public string? QueueId { get; set; }
    public List<DeliveryAttempt> Attempts { get; set; } = [];

    /// <summary>
    /// The server that refused the way it signs in, when the message moved to that server's fallback (<see
    /// cref="ServerId"/> is then the fallback).
    /// </summary>
    public int? FallbackFromServerId { get; set; }

    /// <summary>Goes out the way <paramref name="plan"/> says: its server, login and envelope sender.</summary>
    public void Follow(SendPlan plan)
    {
        (ServerId, Credentials, Login) = (plan.Server.Id, plan.Credentials, plan.Login);
        EnvelopeFrom = plan.EnvelopeFor(Id);
    }
}
