namespace MailRouting.OAuth;

public enum MailboxStatus
{
    NotConnected,
    Connected,
    ReconnectNeeded,
}

/// <summary>An OAuth2 login as pages and the API show it: the app, the account that consented and the state of its tokens, never a token.</summary>
public sealed record MailboxConnection(int AppId, string AppName, OAuthProvider Provider, MailboxStatus Status, string? Account,
    string? Problem, DateTime? ConnectedAt, DateTime? AccessTokenExpiresAt);
