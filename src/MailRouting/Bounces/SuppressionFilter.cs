namespace MailRouting.Bounces;

/// <param name="Address">Part of the address.</param>
/// <param name="Removed">False (the default): entries in force; true: removed ones; null: both.</param>
public sealed record SuppressionFilter(string? Address, SuppressionReason? Reason, bool? Removed, int Page);
