using System.Diagnostics;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Pop3;
using MailRouting.Channels;
using MailRouting.Connections;
using MailRouting.Diagnostics;
using MailRouting.OAuth;

namespace MailRouting.ConnectionTests;

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
            diagnostic = MailboxFailures.Explain(exception, incoming, login, certificate, TimeoutSeconds);
            stages.Add(TestProgress.Finished(new TestStage(stage, false, clock.ElapsedMilliseconds, exception.Message)));
        }

        return new ConnectionTestReport(diagnostic is null, stages, logger.Transcript(), diagnostic, null, certificate.Certificate, null);
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
}
