namespace MailRouting.Bounces;

/// <param name="Detail">Why: the bounce's reply and whether it was hard or the soft ones' count.</param>
/// <param name="MessageId">The sent message whose bounce suppressed it, when known.</param>
public sealed record SuppressionView(int Id, string Address, SuppressionReason Reason, string Detail, DateTime Since,
    Guid? MessageId, bool Active, DateTime? RemovedAt, string? RemovedBy, string? RemovalReason);
