namespace MailRouting.Web.Api;

/// <summary>The problem details of a 422: why the sender cannot send, what fixes it, and (in a batch) which message.</summary>
public sealed record SendFailureProblem(string? Type, string? Title, int? Status, string? Detail, string Code, string Fix, IReadOnlyList<string> Steps, int? Index);
