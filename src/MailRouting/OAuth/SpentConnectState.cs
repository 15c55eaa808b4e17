namespace MailRouting.OAuth;

/// <summary>A connection that was completed (or refused) once: its state cannot complete another, on any instance.</summary>
public sealed class SpentConnectState
{
    /// <summary>SHA-256 of the state's nonce, in hex.</summary>
    public required string Hash { get; set; }

    /// <summary>When the state would have expired anyway; past it the row can go.</summary>
    public DateTime ExpiresAt { get; set; }

    /// <summary>Who completed it: a second visit shows them the connection as it is now.</summary>
    public required string Owner { get; set; }

    public required string OwnerId { get; set; }
}
