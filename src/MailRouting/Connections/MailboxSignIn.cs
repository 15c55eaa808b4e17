using System.Net;
using MailKit;
using MailKit.Security;

namespace MailRouting.Connections;

/// <summary>Signing in to an IMAP or POP3 mailbox the way a mail client would.</summary>
internal static class MailboxSignIn
{
    /// <summary>
    /// One attempt with the mechanism a mail client would pick: MailKit's default tries every mechanism in turn, and
    /// servers such as Dovecot answer repeated failures on one connection slowly, which would read as a time-out.
    /// A token signs in with XOAUTH2, or OAUTHBEARER where only that is offered.
    /// </summary>
    public static Task SignInAsync(MailService client, MailboxLogin login, CancellationToken ct)
    {
        var offered = client.AuthenticationMechanisms;
        if (login.IsToken)
        {
            return client.AuthenticateAsync(Sasl.ForToken(login.Username, login.Secret, offered), ct);
        }

        var credentials = new NetworkCredential(login.Username, login.Secret);
        return offered.Contains("PLAIN") ? client.AuthenticateAsync(new SaslMechanismPlain(credentials), ct)
            : offered.Contains("LOGIN") ? client.AuthenticateAsync(new SaslMechanismLogin(credentials), ct)
            : client.AuthenticateAsync(credentials, ct);
    }
}
