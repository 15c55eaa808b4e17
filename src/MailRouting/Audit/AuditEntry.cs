namespace MailRouting.Audit;

/// <summary>One change to the configuration: who made it, when, from where, and each field before and after.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTime At { get; set; }

    /// <summary>
    /// The signed-in user's email, or "system" for changes the app makes itself (start-up, configuration).
    /// </summary>
    public required string Actor { get; set; }

    /// <summary>The address the request came from; null for the app's own changes.</summary>
    public string? ActorAddress { get; set; }

    /// <summary>"Server", "Channel", "User", "Group", "OAuth app", …</summary>
    public required string Kind { get; set; }

    /// <summary>What was changed, by name: the server's name, the channel's address, the user's email.</summary>
    public required string Subject { get; set; }

    public string? SubjectId { get; set; }

    public AuditAction Action { get; set; }

    /// <summary>The fields as JSON: [{field, before, after}].</summary>
    public required string Changes { get; set; }
}
