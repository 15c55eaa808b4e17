using MailRouting.Diagnostics;
using MailRouting.Outbox;
using MailRouting.Outbox.Status;
using MailRouting.Resolution;

namespace MailRouting.Web.Pages.Messages;

/// <summary>
/// Who can fix a message that failed on its sign-in, and where: the login belongs to the server or to a channel (an admin
/// fixes it) or to the user who sends as themselves (that user, on their Profile, or an admin).
/// </summary>
public static class WhoFixes
{
    /// <returns>What to tell the viewer and, where the viewer may go there, the page to fix it on; null when the last attempt did not fail on the sign-in.</returns>
    public static (string Text, string? Page)? For(MessageView message, string viewerId, bool viewerIsAdmin)
    {
        if (message.Status == MessageStatus.Sent || message.Attempts is not [.., { DiagnosticCode: { } code }]
            || !SignInCodes.All.Contains(code))
        {
            return null;
        }

        var login = message.Login ?? "no login";
        return (message.Credentials, message.SenderKind) switch
        {
            (CredentialSource.Sender, SenderKind.User) when message.SenderId == viewerId =>
                ($"It is your own sign-in ({login}): enter its new password, or connect it again, on your Profile page.", "/Profile"),
            (CredentialSource.Sender, SenderKind.User) =>
                ($"It is the sending user's own sign-in ({login}): they fix it on their Profile page, or an admin on the user's page.",
                    viewerIsAdmin ? $"/Users/Edit/{message.SenderId}" : null),
            (CredentialSource.Sender, _) =>
                ($"It is the channel's own sign-in ({login}): an admin must renew it on the channel's page.", viewerIsAdmin ? $"/Channels/Edit/{message.SenderId}" : null),
            _ => ($"It is the server's shared sign-in ({login}): your admin must renew it on the server's page.",
                viewerIsAdmin ? $"/SmtpServers/Edit/{message.ServerId}" : null),
        };
    }
}
