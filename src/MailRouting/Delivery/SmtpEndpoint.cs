using MailRouting.Servers;

namespace MailRouting.Delivery;

/// <summary>Everything needed to open and use one SMTP session, with the password already decrypted.</summary>
public sealed record SmtpEndpoint(
    string Host,
    int Port,
    SmtpSecurity Security,
    SmtpAuthMethod AuthMethod,
    string? Username,
    string? Password,
    string? ClientName,
    string? PinnedCertificateSha256,
    int TimeoutSeconds,
    int? MaxMessagesPerSession = null)
{
    public override string ToString() => $"{Host}:{Port} ({Security}, auth {AuthMethod})";
}
