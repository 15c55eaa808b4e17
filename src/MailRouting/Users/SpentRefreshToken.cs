namespace MailRouting.Users;

/// <summary>A refresh token that was used once; kept until it would have expired, so it can never be used again.</summary>
public sealed class SpentRefreshToken
{
    /// <summary>SHA-256 of the token, in hex: the token itself is a secret and is never stored.</summary>
    public required string Hash { get; set; }

    public DateTime ExpiresAt { get; set; }
}
