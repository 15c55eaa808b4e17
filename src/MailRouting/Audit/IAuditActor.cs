namespace MailRouting.Audit;

/// <summary>Who is making the current change, and from which address; the web app knows the signed-in user.</summary>
public interface IAuditActor
{
    (string Who, string? From) Current { get; }
}
