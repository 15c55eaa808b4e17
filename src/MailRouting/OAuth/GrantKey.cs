using System.Globalization;
using MailRouting.Resolution;

namespace MailRouting.OAuth;

/// <summary>Which login a grant belongs to; <see cref="Describe"/> names where its owner reconnects it.</summary>
public sealed record GrantKey(GrantOwner Owner, string OwnerId)
{
    public static GrantKey ForServer(int id) => new(GrantOwner.Server, id.ToString(CultureInfo.InvariantCulture));

    /// <summary>The app's own permission: a token per app, never stored, forgotten when a server refuses it.</summary>
    public static GrantKey ForApp(int appId) => new(GrantOwner.App, appId.ToString(CultureInfo.InvariantCulture));

    /// <summary>The grant a plan signs in with: the server's, or the channel's or user's own.</summary>
    public static GrantKey For(CredentialSource credentials, int serverId, SenderKind senderKind, string senderId) =>
        credentials == CredentialSource.Server ? ForServer(serverId)
        : new(senderKind == SenderKind.Channel ? GrantOwner.Channel : GrantOwner.User, senderId);

    public string WhereToReconnect => Owner switch
    {
        GrantOwner.Server => "An admin must reconnect it on the server's page (Reconnect mailbox).",
        GrantOwner.Channel => "An admin must reconnect it on the channel's page (Reconnect mailbox).",
        GrantOwner.App => "An admin must check the OAuth app's client secret and its permission at the provider.",
        _ => "Its owner must reconnect it on their Profile page (Reconnect mailbox).",
    };
}
