using System.Net;
using MailKit;
using MailKit.Security;

namespace MailRouting.Delivery;

/// <summary>Signing in to an IMAP or POP3 mailbox the way a mail client would.</summary>
internal static class MailboxSignIn
{
    /// <summary>
    /// One attempt with the mechanism a mail client would pick: MailKit's default tries every mechanism in turn, and
    /// servers such as Dovecot answer repeated failures on one connection slowly, which would read as a time-out.
    /// </summary>
    public static Task SignInAsync(MailService client, NetworkCredential credentials, CancellationToken ct) =>
        client.AuthenticationMechanisms.Contains("PLAIN") ? client.AuthenticateAsync(new SaslMechanismPlain(credentials), ct)
        : client.AuthenticationMechanisms.Contains("LOGIN") ? client.AuthenticateAsync(new SaslMechanismLogin(credentials), ct)
        : client.AuthenticateAsync(credentials, ct);
}
