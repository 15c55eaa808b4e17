namespace MailRouting.OAuth;

/// <summary>Whose login a grant signs in: a server's account, a channel's own login or a user's own login.</summary>
public enum GrantOwner
{
    Server,
    Channel,
    User,

    /// <summary>No stored grant: the app's own token (client credentials), kept in memory only.</summary>
    App,
}

public enum GrantStatus
{
    Connected,

    /// <summary>The provider refused the refresh token (revoked, expired, password changed): only the owner reconnecting helps.</summary>
    ReconnectNeeded,
}

/// <summary>
/// A connected mailbox: the tokens one consent produced, for one login. Tokens are stored protected and decrypted only
/// at send time. The refresh lease lets one app instance refresh while the others wait for its result.
/// </summary>
public sealed class OAuthGrant
{
    public int Id { get; set; }
    public GrantOwner Owner { get; set; }
    public required string OwnerId { get; set; }
    public int AppId { get; set; }

    /// <summary>The account that consented; always the login the owner signs in with.</summary>
    public required string Account { get; set; }

    public required string ProtectedRefreshToken { get; set; }
    public string? ProtectedAccessToken { get; set; }
    public DateTime? AccessTokenExpiresAt { get; set; }
    public GrantStatus Status { get; set; }

    /// <summary>Why the grant stopped working, in the provider's words (never a token).</summary>
    public string? Problem { get; set; }

    public DateTime ConnectedAt { get; set; }
    public DateTime? RefreshedAt { get; set; }
    public string? RefreshLeaseOwner { get; set; }
    public DateTime? RefreshLeaseUntil { get; set; }
}
