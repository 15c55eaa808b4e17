using MailRouting.Resolution;

namespace MailRouting.Outbox.Intake;

/// <summary>All messages accepted, in request order; or why none was: invalid input, or the sender of message <c>FailedIndex</c>.</summary>
public sealed record BatchResult(IReadOnlyList<OutboxMessage> Messages, IReadOnlyDictionary<string, string[]>? Errors, ResolutionFailure? Failure,
    int? FailedIndex)
{
    public static BatchResult Invalid(string field, string error) => new([], new Dictionary<string, string[]> { [field] = [error] }, null, null);
}
