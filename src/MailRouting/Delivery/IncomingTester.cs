using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Pop3;
using MailKit.Security;
using MailRouting.Channels;
using MailRouting.Diagnostics;
using MailRouting.OAuth;
using MailRouting.Servers;

namespace MailRouting.Delivery;

/// <summary>Signs in to a channel's incoming mailbox (IMAP or POP3) the way a mail client would, and reports each stage.</summary>
public sealed class IncomingTester(MailboxLogins logins)
{
    private const int TimeoutSeconds = 20;

    /// <param name="grant">Whose connected mailbox an OAuth2 sign-in takes its token from: the one its owner sends with.</param>
    public async Task<ConnectionTestReport> TestAsync(IncomingSettings incoming, GrantKey? grant, CancellationToken ct)
    {
        var login = await logins.ForAsync(incoming, grant, ct);
        var stages = login.TokenStage is { } tokenStage ? new List<TestStage> { tokenStage } : [];
        if (login.Failure is { } noToken)
        {
            return new ConnectionTestReport(false, stages, "", noToken, null, null, null);
        }

        var logger = new RedactingProtocolLogger(login.Secret);
        var certificate = new CertificateCheck(null);
        using MailService client = incoming.Protocol == IncomingProtocol.Pop3 ? new Pop3Client(logger) : new ImapClient(logger);
        client.Timeout = TimeoutSeconds * 1000;
        client.CheckCertificateRevocation = false;
        client.ServerCertificateValidationCallback = certificate.Validate;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(TimeoutSeconds));
        var host = incoming.Host ?? "";
        var port = incoming.Port ?? 0;
        var clock = Stopwatch.StartNew();
        Diagnostic? diagnostic = null;
        var stage = "connect";
        try
        {
            await client.ConnectAsync(host, port, incoming.Security.ToSocketOptions(), timeout.Token);
            stages.Add(TestProgress.Finished(new TestStage(stage, true, clock.ElapsedMilliseconds, client.IsSecure ? $"Connected with {client.SslProtocol}." : "Connected without encryption.")));
            stage = "auth";
            clock.Restart();
            await MailboxSignIn.SignInAsync(client, login, timeout.Token);
            stages.Add(TestProgress.Finished(new TestStage(stage, true, clock.ElapsedMilliseconds, $"Signed in as {incoming.Username}{(login.IsToken ? " with OAuth2" : "")}.")));
            stage = "mailbox";
            clock.Restart();
            stages.Add(TestProgress.Finished(new TestStage(stage, true, clock.ElapsedMilliseconds, await DescribeMailboxAsync(client, timeout.Token))));
            await client.DisconnectAsync(true, timeout.Token);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Whatever the other side does (no greeting, another protocol), a test ends in a diagnostic, never in an error page.
            diagnostic = login.IsToken && exception is MailKit.Security.AuthenticationException
                ? new Diagnostic(DiagnosticCode.OAuthTokenRejected, $"The incoming server refused the OAuth2 access token for {incoming.Username}: {exception.Message}",
                    "Check that the OAuth app may read mail (Microsoft 365: IMAP.AccessAsUser.All and IMAP enabled for the mailbox; Google: the scope https://mail.google.com/), then reconnect the mailbox.")
                : Explain(exception, incoming.Protocol, host, port, certificate);
            stages.Add(TestProgress.Finished(new TestStage(stage, false, clock.ElapsedMilliseconds, exception.Message)));
        }

        return new ConnectionTestReport(diagnostic is null, stages, logger.Transcript(), diagnostic, null, certificate.Certificate?.Sha256, null);
    }

    private static async Task<string> DescribeMailboxAsync(MailService client, CancellationToken ct)
    {
        if (client is ImapClient imap)
        {
            await imap.Inbox.OpenAsync(FolderAccess.ReadOnly, ct);
            return $"INBOX has {imap.Inbox.Count} messages.";
        }

        return $"The mailbox has {((Pop3Client)client).Count} messages.";
    }

    private static Diagnostic Explain(Exception exception, IncomingProtocol protocol, string host, int port, CertificateCheck certificate) => exception switch
    {
        MailKit.Security.AuthenticationException => new Diagnostic(DiagnosticCode.AuthFailed, "The incoming server rejected the username or password.",
            "Check the incoming username (often the full email address) and re-enter the password."),
        SslHandshakeException when certificate.Certificate is { Accepted: false } seen => ConnectionDiagnostics.CertificateInvalid(seen.Problems, seen.Sha256),
        SslHandshakeException => ConnectionDiagnostics.TlsHandshakeFailed("check the security setting for this port (SSL/TLS for 993/995, STARTTLS or None for 143/110)."),
        SocketException socket => ConnectionDiagnostics.FromSocket(socket, host, port, TimeoutSeconds),
        OperationCanceledException or TimeoutException => ConnectionDiagnostics.TimedOut(host, port, TimeoutSeconds),
        ProtocolException => protocol == IncomingProtocol.Pop3
            ? ConnectionDiagnostics.ProtocolMismatch("POP3", host, port, "995 (SSL/TLS) or 110")
            : ConnectionDiagnostics.ProtocolMismatch("IMAP", host, port, "993 (SSL/TLS) or 143"),
        _ => ConnectionDiagnostics.Unexpected(exception.Message),
    };
}
