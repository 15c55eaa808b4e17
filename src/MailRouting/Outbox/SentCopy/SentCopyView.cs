namespace MailRouting.Outbox.SentCopy;

/// <summary>Where a sent message's copy to Sent stands, as the message page and the API show it.</summary>
/// <param name="NextAttemptAt">When a pending copy is tried (again).</param>
/// <param name="CopiedTo">The folder's full name on the server, once copied.</param>
/// <param name="DiagnosticCode">Why the last attempt failed, with <paramref name="Diagnostic"/> and the <paramref name="Fix"/>.</param>
public sealed record SentCopyView(SentCopyStatus Status, string Folder, int Attempts, DateTime NextAttemptAt, DateTime? CopiedAt, string? CopiedTo,
    string? DiagnosticCode, string? Diagnostic, string? Fix);
