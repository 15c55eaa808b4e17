namespace MailRouting.Health;

/// <summary>
/// A credential warning that appeared (Raised) or went away (Cleared), as the event stream tells it; the stream opens
/// with Watching, which carries no warning, so a client knows at once that it is connected.
/// </summary>
/// <param name="Key">The same for a warning's Raised and Cleared: its problem and where it is fixed.</param>
public sealed record CredentialWarningEvent(string Kind, string Key, CredentialWarning? Warning, DateTime At)
{
    public const string Watching = "Watching";
    public const string Raised = "Raised";
    public const string Cleared = "Cleared";
}
