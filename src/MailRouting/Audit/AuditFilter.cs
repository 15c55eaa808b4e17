namespace MailRouting.Audit;

/// <summary>Which entries to show: by who (part of the email), what (a kind), and when (days, inclusive).</summary>
public sealed record AuditFilter(string? Actor = null, string? Kind = null, DateOnly? From = null, DateOnly? To = null,
    int Page = 1);
