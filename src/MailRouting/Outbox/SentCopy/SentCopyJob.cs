namespace MailRouting.Outbox.SentCopy;

/// <summary>
/// Filing a sent message in its sender's Sent folder over IMAP: a durable job of its own, created in the transaction
/// that records the message as Sent. It has its own lease, attempts and back-off, so a slow or failing mailbox never
/// holds delivery, and nothing that happens to the copy can send the message again.
/// </summary>
public sealed class SentCopyJob
{
    /// <summary>The outbox message (its <c>Id</c>, not its Message-ID header).</summary>
    public Guid OutboxMessageId { get; set; }

    /// <summary>The folder the sender asked for when the message was sent.</summary>
    public required string Folder { get; set; }

    public SentCopyStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTime? LeaseUntil { get; set; }

    public DateTime? CopiedAt { get; set; }

    /// <summary>The folder's full name on the server, once copied.</summary>
    public string? CopiedTo { get; set; }

    /// <summary>Why the last attempt failed, and the fix.</summary>
    public string? DiagnosticCode { get; set; }

    public string? Diagnostic { get; set; }
    public string? Fix { get; set; }
}
