namespace MailRouting.Audit;

/// <summary>
/// One field of a change: its value before and after; a secret's only as "set" or "changed", never its value.
/// </summary>
public sealed record AuditChange(string Field, string? Before, string? After);
