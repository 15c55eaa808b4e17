namespace MailRouting.Bounces;

/// <summary>
/// Where reading a channel's mailbox for bounces stands: the last message read (by UID, valid while the folder's
/// UIDVALIDITY stays the same) and how the last check went.
/// </summary>
public sealed class BounceMailbox
{
    public int ChannelId { get; set; }
    public long UidValidity { get; set; }
    public long LastUid { get; set; }
    public DateTime? CheckedAt { get; set; }

    /// <summary>Why the last check failed, in plain words; null when it worked.</summary>
    public string? Failure { get; set; }
    public string? Fix { get; set; }
    public DateTime? FailingSince { get; set; }

    /// <summary>Whether the server offers IMAP IDLE, so new mail is read as it arrives rather than at the next
    /// poll.</summary>
    public bool Idles { get; set; }
}
