namespace MailRouting.Signatures;

/// <summary>Where a signature belongs; the most specific one a message has applies (channel, then project, then central).</summary>
public enum SignatureScope
{
    Central,
    Channel,
    Project,
}

/// <summary>A signature in HTML and plain text, with variables for the sending user ({name}, {email}, {phone}, ...).</summary>
public sealed class Signature
{
    public int Id { get; set; }
    public SignatureScope Scope { get; set; }

    /// <summary>The channel's or project's id; null for the central signature.</summary>
    public int? OwnerId { get; set; }

    /// <summary>Stored already sanitized.</summary>
    public string? Html { get; set; }

    public string? Text { get; set; }
}
