namespace MailRouting.Audit;

/// <summary>Changes the app makes itself, outside any request: seeding, configuration read at start.</summary>
public sealed class SystemActor : IAuditActor
{
    public const string Name = "system";

    public (string Who, string? From) Current => (Name, null);
}
