using System.Net.Sockets;
using MailRouting.Servers;

namespace MailRouting.Diagnostics;

/// <summary>Explains failures below SMTP: name lookup, TCP, TLS and missing server features.</summary>
public static class ConnectionDiagnostics
{
    public static Diagnostic DnsFailure(string host) => new(DiagnosticCode.DnsFailure,
        $"The host name '{host}' could not be found.",
        "Check the spelling of the host name, or use the server's IP address.");

    public const string SmtpPorts = "25, 587 or 465";
    public const string MailboxPorts = "993 or 143 for IMAP, 995 or 110 for POP3";
    public const string ApiPorts = "443";

    /// <param name="usualPorts">The ports such a server usually listens on, as the fix names them.</param>
    public static Diagnostic Refused(string host, int port, string usualPorts = SmtpPorts) =>
        new(DiagnosticCode.ConnectionRefused,
            $"Nothing accepted the connection on {host}:{port}.",
            $"Check the port (usually {usualPorts}) and that the mail server is running; a firewall may also "
                + "refuse it.");

    public static Diagnostic TimedOut(string host, int port, int seconds) => new(DiagnosticCode.ConnectionTimedOut,
        $"{host}:{port} did not answer within {seconds} seconds.",
        "Check the host and port; a firewall may be dropping the connection, or the provider blocks this port (many block port 25).");

    public static Diagnostic ClosedAtOnce(string host, int port) => new(DiagnosticCode.ConnectionClosed,
        $"{host}:{port} accepted the connection and closed the connection at once, without a greeting.",
        "The server turns this machine away: many providers close connections from addresses they do not know, or when too many are open. Check that this machine's address is allowed, and that the port is the mail port.");

    public static Diagnostic NoGreeting(string host, int port, int seconds) => new(DiagnosticCode.NoGreeting,
        $"{host}:{port} accepted the connection but sent no greeting within {seconds} seconds.",
        "Something other than a mail server may be listening there, or a firewall lets the connection through but not the traffic. Check the host and port; for port 465 choose SSL/TLS.");

    public static Diagnostic FromSocket(SocketException exception, string host, int port, int seconds,
        string usualPorts = SmtpPorts) =>
        exception.SocketErrorCode switch
        {
            SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => DnsFailure(host),
            SocketError.ConnectionRefused => Refused(host, port, usualPorts),
            SocketError.TimedOut or SocketError.HostUnreachable or SocketError.NetworkUnreachable => TimedOut(host, port, seconds),
            _ => new Diagnostic(DiagnosticCode.Unknown, $"The connection to {host}:{port} failed: {exception.Message}.",
                "Check the host and port, and that this machine can reach the server."),
        };

    /// <summary>SSL/TLS chosen for a port that speaks plain SMTP first (usually 587 or 25).</summary>
    public static Diagnostic ImplicitTlsOnPlainPort(int port) => new(DiagnosticCode.TlsHandshakeFailed,
        $"Security is set to SSL/TLS, but port {port} expects STARTTLS: the server greeted in plain text instead of starting TLS.",
        "Set Security to STARTTLS for this port, or use the server's SSL/TLS port (usually 465).");

    /// <summary>STARTTLS or no security chosen for a port that expects TLS from the first byte (usually 465).</summary>
    public static Diagnostic PlainOnImplicitTlsPort(int port, SmtpSecurity chosen) => new(DiagnosticCode.TlsHandshakeFailed,
        $"Security is set to {(chosen == SmtpSecurity.None ? "None" : "STARTTLS")}, but port {port} expects SSL/TLS from the start: the server waited for a TLS handshake and never greeted.",
        "Set Security to SSL/TLS for this port, or use the server's STARTTLS port (usually 587).");

    /// <summary>A handshake that failed for another reason than the certificate, said in words instead of .NET's text.</summary>
    public static Diagnostic TlsHandshakeFailed(Exception cause,
        string fix = "Check the Security setting for this port (STARTTLS for 587, SSL/TLS for 465); the server may also require a newer TLS version.") =>
        new(DiagnosticCode.TlsHandshakeFailed, $"The encrypted (TLS) connection could not be set up: {HandshakeProblem(cause)}.", fix);

    private static string HandshakeProblem(Exception cause) => (cause.InnerException ?? cause).Message switch
    {
        var text when text.Contains("alert", StringComparison.OrdinalIgnoreCase) =>
            "the server broke off the handshake, usually because it and this machine share no TLS version or cipher",
        var text when text.Contains("frame", StringComparison.OrdinalIgnoreCase) || text.Contains("packet", StringComparison.OrdinalIgnoreCase) =>
            "the server did not answer in TLS, so the port may expect plain text first (STARTTLS)",
        _ when cause is IOException || cause.InnerException is IOException => "the server closed the connection during the handshake",
        _ => "the handshake did not complete",
    };

    public static Diagnostic CertificateInvalid(string problems, string fingerprint) => new(DiagnosticCode.CertificateInvalid,
        $"The server's certificate is not trusted: {problems}.",
        $"Use the host name the certificate was issued for, or install a valid certificate on the server. If this is your own server with a self-signed certificate, pin its SHA-256 fingerprint {fingerprint} on this server.");

    public static Diagnostic StartTlsNotOffered() => new(DiagnosticCode.StartTlsRequired,
        "Security is set to STARTTLS, but the server does not offer STARTTLS.",
        "Set Security to SSL/TLS if the port is 465, or None only if the server is on a trusted network.");

    public static Diagnostic AuthNotSupported(bool secure) => new(DiagnosticCode.AuthNotSupported,
        secure
            ? "The server does not offer authentication (no AUTH in its EHLO reply)."
            : "The server does not offer authentication on an unencrypted connection (no AUTH in its EHLO reply).",
        secure
            ? "Set Authentication to None if the server accepts mail without sign-in, or use the provider's submission port (587)."
            : "Set Security to STARTTLS or SSL/TLS: most servers only offer sign-in once the connection is encrypted.");

    public static Diagnostic AuthMechanismNotOffered(SmtpAuthMethod chosen, IEnumerable<string> offered) => new(DiagnosticCode.AuthMechanismNotOffered,
        $"The server does not offer the {chosen.ToSaslName()} authentication method; it offers {string.Join(", ", offered)}.",
        "Choose one of the offered methods.");

    /// <summary>Something answered on the port, but not in the protocol asked for (an SMTP or web server on an IMAP port, say).</summary>
    public static Diagnostic ProtocolMismatch(string protocol, string host, int port, string usualPorts) => new(DiagnosticCode.ProtocolMismatch,
        $"{host}:{port} answered, but not as an {protocol} server.",
        $"Check the port and security: {protocol} is usually on {usualPorts}.");

    public static Diagnostic Unexpected(string detail) => new(DiagnosticCode.Unknown,
        $"The test failed unexpectedly: {detail}",
        "Read the transcript for the server's last words; check the host, port and security settings.");
}
