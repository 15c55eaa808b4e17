namespace MailRouting.Outbox;

public sealed class DeliveryAttempt
{
    public DateTime At { get; set; }

    /// <summary>The app instance that made the attempt.</summary>
    public string? Worker { get; set; }

    public required string Outcome { get; set; }
    public string? ServerReply { get; set; }
    public string? DiagnosticCode { get; set; }
    public string? Diagnostic { get; set; }

    /// <summary>The SHA-256 fingerprint of a certificate the server showed but nothing trusts, so an admin can pin it from here.</summary>
    public string? CertificateSha256 { get; set; }
}
