using MailRouting.Resolution;

namespace MailRouting.Outbox.Intake;

/// <summary>Accepted (new or, for a repeated idempotency key, the first one), invalid, or not sendable as that sender.</summary>
public sealed record EnqueueResult(OutboxMessage? Message, IReadOnlyDictionary<string, string[]>? Errors, ResolutionFailure? Failure,
    bool Repeated = false)
{
    public static EnqueueResult Invalid(IDictionary<string, string[]> errors) => new(null, errors.AsReadOnly(), null);

    public static EnqueueResult Invalid(string field, string error) => Invalid(new Dictionary<string, string[]> { [field] = [error] });
}
