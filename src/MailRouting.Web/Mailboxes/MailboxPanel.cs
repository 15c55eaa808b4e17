using MailRouting.OAuth;

namespace MailRouting.Web.Mailboxes;

/// <summary>An OAuth2 mailbox on the page of whoever owns it: its state in words, and Connect, Reconnect and Disconnect for those who may.</summary>
/// <param name="Owner">"mail from the server", "mail from the channel" or "mail as you": what stops.</param>
public sealed record MailboxPanel(MailboxConnection Connection, string Login, string Owner, string WhoConnects, bool CanChange)
{
    public static MailboxPanel ForServer(MailboxConnection connection, string login, bool canChange) => new(connection, login, "mail from the server", "an admin connects", canChange);

    public static MailboxPanel ForChannel(MailboxConnection connection, string login, bool canChange) => new(connection, login, "mail from the channel", "an admin connects", canChange);

    public static MailboxPanel ForProfile(MailboxConnection connection, string login, bool canChange) => new(connection, login, "mail as you", "you connect", canChange);

    /// <summary>On an admin's page about the user: only the user can consent, from their Profile.</summary>
    public static MailboxPanel ForUser(MailboxConnection connection, string login) => new(connection, login, "mail as this user", "they connect", false);

    public string ConnectLabel => Connection.Status == MailboxStatus.NotConnected ? "Connect mailbox" : "Reconnect mailbox";
}
