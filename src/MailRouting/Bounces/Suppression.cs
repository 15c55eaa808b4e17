namespace MailRouting.Bounces;

/// <summary>
/// An address mail is no longer sent to unless the sender says so, because it bounced. Removing it keeps the row,
/// with who removed it, when and why; the address may be suppressed again by a later bounce.
/// </summary>
public sealed class Suppression
{
    public int Id { get; set; }
    public required string Address { get; set; }
    public SuppressionReason Reason { get; set; }

    /// <summary>The bounce's reply in a sentence: "550 5.1.1 … User unknown (hard bounce)".</summary>
    public required string Detail { get; set; }
    public DateTime Since { get; set; }
    public long? BounceId { get; set; }
    public DateTime? RemovedAt { get; set; }
    public string? RemovedBy { get; set; }
    public string? RemovalReason { get; set; }

    public bool IsActive => RemovedAt is null;
}
