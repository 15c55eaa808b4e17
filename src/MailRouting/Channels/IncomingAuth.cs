namespace MailRouting.Channels;

/// <summary>How an IMAP or POP3 mailbox signs in: its own password, or a token of the connected mailbox its owner sends with.</summary>
public enum IncomingAuth
{
    Password,
    OAuth2,
}
