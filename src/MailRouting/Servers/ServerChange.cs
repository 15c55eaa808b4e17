namespace MailRouting.Servers;

public enum ChangeOutcome
{
    Done,
    NotFound,
    Invalid,
    Conflict,
    Refused,
}

/// <summary>The result of a change to a server: done, or why not, in words an admin can act on.</summary>
public sealed record ServerChange(ChangeOutcome Outcome, SmtpServer? Server = null, string? Message = null,
    IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public static ServerChange Done(SmtpServer server) => new(ChangeOutcome.Done, server);

    public static readonly ServerChange NotFound = new(ChangeOutcome.NotFound, Message: "That server does not exist (it may have been deleted).");

    public static ServerChange Refused(string message) => new(ChangeOutcome.Refused, Message: message);

    public static ServerChange Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(ChangeOutcome.Invalid, Message: "Some fields need attention.", Errors: errors);

    public static readonly ServerChange Conflict = new(ChangeOutcome.Conflict,
        Message: "Someone else changed this server after you opened it. Nothing was saved: reload to see their changes, then apply yours again.");
}
