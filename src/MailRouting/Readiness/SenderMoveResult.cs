using MailRouting.Resolution;

namespace MailRouting.Readiness;

/// <summary>What a one-step move did with one channel or user: moved after its test, or why not.</summary>
/// <param name="Id">The channel's number or the user's id.</param>
/// <param name="Name">Its address; null when there is no such channel or user.</param>
public sealed record SenderMoveResult(SenderKind Kind, string Id, string? Name, bool Moved, string Outcome);
