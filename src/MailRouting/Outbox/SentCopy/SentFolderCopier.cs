using MailKit;
using MailKit.Net.Imap;
using MailRouting.Channels;
using MailRouting.Connections;
using MailRouting.Diagnostics;
using MailRouting.Validation;
using MimeKit;

namespace MailRouting.Outbox.SentCopy;

/// <summary>Appends a sent message to a folder of an IMAP mailbox, creating the folder when it is missing.</summary>
public static class SentFolderCopier
{
    /// <param name="limit">The whole conversation's time limit: connect, TLS, sign-in and the upload together.</param>
    /// <returns>The full name of the folder the copy landed in, or why it did not.</returns>
    public static async Task<(string? Folder, Diagnostic? Failure)> CopyAsync(IncomingSettings incoming, MailboxLogin login, string folderName, byte[] mime,
        TimeSpan limit, CancellationToken ct)
    {
        if (login.Failure is { } noToken)
        {
            return (null, noToken);
        }

        var certificate = new CertificateCheck(null);
        using var client = new ImapClient { Timeout = (int)limit.TotalMilliseconds, CheckCertificateRevocation = false };
        client.ServerCertificateValidationCallback = certificate.Validate;
        try
        {
            var folder = await Deadline.RunAsync(limit, $"Copying to {incoming.Host}:{incoming.Port}", async token =>
            {
                await client.ConnectAsync(incoming.Host ?? "", incoming.Port ?? 0, incoming.Security.ToSocketOptions(), token);
                await MailboxSignIn.SignInAsync(client, login, token);
                var folder = await ImapFolders.OpenOrCreateAsync(client, folderName, token);
                using var stream = new MemoryStream(mime, writable: false);
                await folder.AppendAsync(await MimeMessage.LoadAsync(stream, persistent: true, token), MessageFlags.Seen, token);
                await client.DisconnectAsync(true, token);
                return folder.FullName;
            }, ct);
            return (folder, null);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return (null, MailboxFailures.Explain(exception, incoming, login, certificate, (int)limit.TotalSeconds));
        }
    }
}
