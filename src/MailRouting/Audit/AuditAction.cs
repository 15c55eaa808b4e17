namespace MailRouting.Audit;

public enum AuditAction
{
    Created,
    Changed,
    Deleted,
}
