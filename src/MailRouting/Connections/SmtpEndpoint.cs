using MailKit.Security;
using MailRouting.Servers;

namespace MailRouting.Connections;

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
    int? MaxMessagesPerSession = null,
    ServerTransport Transport = ServerTransport.Smtp,
    bool SignWithDkim = false)
{
    /// <summary>
    /// A session with <paramref name="server"/> signed in as <paramref name="login"/> (null: no sign-in). A login of
    /// its own on a server that takes mail without sign-in still signs in, with PLAIN.
    /// </summary>
    public static SmtpEndpoint For(SmtpServer server, string? login, string? password) => new(
        server.Host, server.Port, server.Security,
        login is null ? SmtpAuthMethod.None : server.AuthMethod == SmtpAuthMethod.None ? SmtpAuthMethod.Plain : server.AuthMethod,
        login, password, server.ClientName, server.PinnedCertificateSha256, server.TimeoutSeconds,
            server.MaxMessagesPerSession,
        server.Transport, server.SignWithDkim && server.Transport == ServerTransport.Smtp);

    public SecureSocketOptions SocketOptions => Security.ToSocketOptions();

    /// <summary>Connect, TLS, greeting, EHLO and sign-in together must finish within the server's time-out.</summary>
    public TimeSpan OpenLimit => TimeSpan.FromSeconds(TimeoutSeconds);

    /// <summary>One message, from MAIL FROM to the final reply: the server's time-out, plus a second for every 100 KB.</summary>
    public TimeSpan SendLimit(long bytes) => TimeSpan.FromSeconds(TimeoutSeconds + (bytes / 100_000.0));

    /// <summary>
    /// An HTTP mail API's base address: https, or http where the admin chose no security (loopback only).
    /// </summary>
    public Uri ApiBase => new($"{(Security == SmtpSecurity.None ? "http" : "https")}://{Host}:{Port}/");

    public override string ToString() => $"{Host}:{Port} ({Security}, auth {AuthMethod})";
}
