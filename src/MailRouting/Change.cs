namespace MailRouting;

public enum ChangeOutcome
{
    Done,
    NotFound,
    Invalid,
    Conflict,
    Refused,
}

/// <summary>The result of a change to a server, channel or user: done, or why not, in words an admin can act on.</summary>
public sealed record Change<T>(ChangeOutcome Outcome, T? Value = null, string? Message = null, IReadOnlyDictionary<string, string[]>? Errors = null)
    where T : class
{
    public static Change<T> Done(T value) => new(ChangeOutcome.Done, value);

    public static Change<T> NotFound(string what) => new(ChangeOutcome.NotFound, Message: $"That {what} does not exist (it may have been deleted).");

    public static Change<T> Refused(string message) => new(ChangeOutcome.Refused, Message: message);

    public static Change<T> Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(ChangeOutcome.Invalid, Message: "Some fields need attention.", Errors: errors);

    public static Change<T> Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static Change<T> Conflict(string what) => new(ChangeOutcome.Conflict,
        Message: $"Someone else changed this {what} after you opened it. Nothing was saved: reload to see their changes, then apply yours again.");
}
