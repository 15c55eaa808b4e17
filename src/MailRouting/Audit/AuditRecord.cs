namespace MailRouting.Audit;

/// <summary>An audit entry as pages and the API show it, with its field changes read back.</summary>
public sealed record AuditRecord(long Id, DateTime At, string Actor, string? ActorAddress, string Kind, string Subject,
    string? SubjectId, AuditAction Action, IReadOnlyList<AuditChange> Changes);
