using System.Net.Sockets;
using MailKit;
using MailKit.Security;
using MailRouting.Channels;
using MailRouting.Diagnostics;

namespace MailRouting.Connections;

/// <summary>What a failure talking to an IMAP or POP3 mailbox means, for the incoming test and the copy to Sent.</summary>
public static class MailboxFailures
{
    /// <param name="seconds">The time limit the conversation ran under, as a time-out names it.</param>
    public static Diagnostic Explain(Exception exception, IncomingSettings incoming, MailboxLogin login, CertificateCheck certificate, int seconds)
    {
        var host = incoming.Host ?? "";
        var port = incoming.Port ?? 0;
        return exception switch
        {
            AuthenticationException when login.IsToken => new Diagnostic(DiagnosticCode.OAuthTokenRejected,
                $"The incoming server refused the OAuth2 access token for {incoming.Username}: {exception.Message}",
                "Check that the OAuth app may read mail (Microsoft 365: IMAP.AccessAsUser.All and IMAP enabled for the mailbox; Google: the scope https://mail.google.com/), then reconnect the mailbox."),
            AuthenticationException => new Diagnostic(DiagnosticCode.AuthFailed, "The incoming server rejected the username or password.",
                "Check the incoming username (often the full email address) and re-enter the password."),
            SslHandshakeException when certificate.Certificate is { Accepted: false } seen => ConnectionDiagnostics.CertificateInvalid(seen.Problems, seen.Sha256),
            SslHandshakeException => ConnectionDiagnostics.TlsHandshakeFailed(exception,
                "Check the security setting for this port (SSL/TLS for 993/995, STARTTLS or None for 143/110)."),
            SocketException socket => ConnectionDiagnostics.FromSocket(socket, host, port, seconds,
                ConnectionDiagnostics.MailboxPorts),
            OperationCanceledException or TimeoutException => ConnectionDiagnostics.TimedOut(host, port, seconds),
            CommandException or FolderNotFoundException or ArgumentException => new Diagnostic(DiagnosticCode.FolderRefused,
                $"The mailbox on {host} refused the folder or the request: {exception.Message}",
                "Check the folder's name (for example \"Sent\" or \"Sent Items\") and that this login may write to it."),
            ProtocolException => incoming.Protocol == IncomingProtocol.Pop3
                ? ConnectionDiagnostics.ProtocolMismatch("POP3", host, port, "995 (SSL/TLS) or 110")
                : ConnectionDiagnostics.ProtocolMismatch("IMAP", host, port, "993 (SSL/TLS) or 143"),
            _ => ConnectionDiagnostics.Unexpected(exception.Message),
        };
    }
}
