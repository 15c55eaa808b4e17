using System.Security.Cryptography;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace MailRouting.TestMailApis;

/// <summary>
/// Delivers what a stand-in accepted as the provider would: to everyone in To, Cc and Bcc, with the Bcc header removed,
/// signed in to the test Postfix as the From mailbox (or the relay account for addresses without one).
/// </summary>
public sealed class PostfixHandOff(MailApiOptions options)
{
    public async Task DeliverAsync(MimeMessage message)
    {
        var from = message.From.Mailboxes.First().Address;
        var recipients = message.To.Mailboxes.Concat(message.Cc.Mailboxes).Concat(message.Bcc.Mailboxes).ToList();
        message.Bcc.Clear();
        var (login, password) = options.Mailboxes.TryGetValue(from, out var own) ? (from, own) : options.Relay;
        using var smtp = new SmtpClient
        {
            CheckCertificateRevocation = false,
            ServerCertificateValidationCallback = (_, certificate, _, _) => certificate is not null
                && Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData()))
                    .Equals(options.SubmissionCertificateSha256, StringComparison.OrdinalIgnoreCase),
        };
        await smtp.ConnectAsync(options.SubmissionHost, options.SubmissionPort, SecureSocketOptions.StartTls);
        await smtp.AuthenticateAsync(login, password);
        await smtp.SendAsync(message, MailboxAddress.Parse(from), recipients);
        await smtp.DisconnectAsync(true);
    }
}
