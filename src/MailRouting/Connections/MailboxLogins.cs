using MailRouting.Channels;
using MailRouting.ConnectionTests;
using MailRouting.Diagnostics;
using MailRouting.OAuth;
using MailRouting.Secrets;

namespace MailRouting.Connections;

/// <summary>
/// The sign-in of an IMAP or POP3 mailbox. With OAuth2 it borrows the token of the mailbox its owner sends with (one consent
/// covers SMTP and IMAP), so the IMAP login must be that same account.
/// </summary>
public sealed class MailboxLogins(SecretProtector secrets, AccessTokens tokens)
{
    /// <param name="grant">Whose connected mailbox the owner sends with; null when it sends with a password.</param>
    public async Task<MailboxLogin> ForAsync(IncomingSettings incoming, GrantKey? grant, CancellationToken ct)
    {
        var username = incoming.Username ?? "";
        if (incoming.AuthMethod != IncomingAuth.OAuth2)
        {
            return new MailboxLogin(username, incoming.ProtectedPassword is null ? "" : secrets.Unprotect(incoming.ProtectedPassword), false, null, null);
        }

        if (grant is null)
        {
            return new MailboxLogin(username, "", true, null, new Diagnostic(DiagnosticCode.OAuthNotConnected,
                $"The mailbox {username} signs in with OAuth2, but mail from it is sent with a password, so there is no connected mailbox to take a token from.",
                "Choose Password for this mailbox, or switch the sending login to OAuth2 and connect it."));
        }

        var (token, stage) = await TokenStage.MeasureAsync(() => tokens.GetAsync(grant, username, ct));
        return new MailboxLogin(username, token.Token ?? "", true, stage, token.Failure);
    }

    /// <summary>For copy to Sent, right after a send: an OAuth2 mailbox reuses the token the message was just sent with (no database, so lanes may run it at once).</summary>
    public MailboxLogin ForSentCopy(IncomingSettings incoming, SmtpEndpoint sentWith)
    {
        var username = incoming.Username ?? "";
        if (incoming.AuthMethod != IncomingAuth.OAuth2)
        {
            return new MailboxLogin(username, incoming.ProtectedPassword is null ? "" : secrets.Unprotect(incoming.ProtectedPassword), false, null, null);
        }

        return sentWith.AuthMethod == Servers.SmtpAuthMethod.OAuth2 && string.Equals(sentWith.Username, username, StringComparison.OrdinalIgnoreCase)
            ? new MailboxLogin(username, sentWith.Password ?? "", true, null, null)
            : new MailboxLogin(username, "", true, null, new Diagnostic(DiagnosticCode.OAuthNotConnected,
                $"The mailbox {username} signs in with OAuth2, but the message was sent as {sentWith.Username} {(sentWith.AuthMethod == Servers.SmtpAuthMethod.OAuth2 ? "with another account's token" : "with a password")}.",
                "Use the sending login's own mailbox for copies, or choose Password for it."));
    }
}
