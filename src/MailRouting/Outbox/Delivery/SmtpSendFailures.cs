using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MailRouting.Connections;
using MailRouting.Diagnostics;
using MailRouting.Outbox.Outcomes;
using MailRouting.Servers;

namespace MailRouting.Outbox.Delivery;

/// <summary>What a failed SMTP send means; an exception nobody foresaw fails the message for good, so it can never loop.</summary>
public static class SmtpSendFailures
{
    public static SendFailure Explain(Exception exception, SmtpEndpoint endpoint, OutboxMessage message) => exception switch
    {
        AuthenticationException auth when endpoint.AuthMethod.UsesToken() && !SaysSignInIsOff(auth)
            => TokenRefused(auth, endpoint, message),
        SmtpCommandException command => Refused((int)command.StatusCode, command.Message),
        ServiceNotAuthenticatedException notSignedIn => new SendFailure(SmtpReplyDiagnostics.Explain(530, notSignedIn.Message),
            $"530 {notSignedIn.Message}", false, true),
        AuthenticationException auth => new SendFailure(SmtpReplyDiagnostics.Explain(535, auth.Message), auth.Message, false, true),
        UntrustedCertificateException untrusted => new SendFailure(
            ConnectionDiagnostics.CertificateInvalid(untrusted.Certificate.Problems, untrusted.Certificate.Sha256),
            untrusted.Message, false, NeedsConfiguration: true, untrusted.Certificate.Sha256),
        SslHandshakeException tls => new SendFailure(ConnectionDiagnostics.TlsHandshakeFailed(tls), tls.Message, false),
        SocketException socket => new SendFailure(ConnectionDiagnostics.FromSocket(socket, endpoint.Host, endpoint.Port, endpoint.TimeoutSeconds),
            socket.Message, true),
        TimeoutException timeout => new SendFailure(ConnectionDiagnostics.TimedOut(endpoint.Host, endpoint.Port, endpoint.TimeoutSeconds),
            timeout.Message, true),
        IOException or SmtpProtocolException or ServiceNotConnectedException or OperationCanceledException
            => new SendFailure(new Diagnostic(DiagnosticCode.TemporaryFailure, $"The connection failed: {exception.Message}",
                "Nothing to do: the message is retried."), exception.Message, true),
        _ => new SendFailure(new Diagnostic(DiagnosticCode.Unknown, $"Sending failed unexpectedly: {exception.Message}",
            "Check the server's settings with its test, then retry the message."), exception.Message, false),
    };

    /// <summary>
    /// "5.7.139 SMTP AUTH is disabled" (or basic authentication off) refuses the way of signing in, not the token: a
    /// new token would be refused the same.
    /// </summary>
    private static bool SaysSignInIsOff(AuthenticationException auth) =>
        SmtpReplyDiagnostics.Explain(535, auth.Message).Code
            is DiagnosticCode.BasicAuthDisabled or DiagnosticCode.BasicAuthNotSupported;

    /// <summary>
    /// A 4xx reply is retried, and so is a 5xx one that only means "later" (a daily limit, a tenant's rate).
    /// </summary>
    public static SendFailure Refused(int status, string text)
    {
        var diagnostic = SmtpReplyDiagnostics.Explain(status, text);
        return new SendFailure(diagnostic, $"{status} {text}", status < 500 || diagnostic.IsTemporary);
    }

    /// <summary>
    /// A refused access token is retried once with a new one; refused again, the problem is the app's rights or the
    /// mailbox's settings.
    /// </summary>
    private static SendFailure TokenRefused(AuthenticationException auth, SmtpEndpoint endpoint, OutboxMessage message)
    {
        var again = message.Attempts.Any(a => a.DiagnosticCode == nameof(DiagnosticCode.OAuthTokenRejected));
        return new SendFailure(new Diagnostic(DiagnosticCode.OAuthTokenRejected,
            $"The mail server refused the OAuth2 access token for {endpoint.Username}"
                + $"{(again ? " again, after a new one was fetched" : "")}: {auth.Message}",
            again
                ? "Check that the OAuth app may send mail (Microsoft 365: SMTP.Send and Authenticated SMTP enabled for the mailbox; "
                    + "Google: the scope https://mail.google.com/), then reconnect the mailbox."
                : "Nothing to do yet: a new access token is fetched and the message retried."),
            auth.Message, Temporary: !again, NeedsConfiguration: again);
    }
}
