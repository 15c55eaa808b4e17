namespace MailRouting.Bounces;

/// <summary>A channel that reads bounces, and how reading its mailbox goes.</summary>
/// <param name="CheckedAt">The last read, or the last failure; null before the first.</param>
/// <param name="Failure">Why the last read failed; null when it worked.</param>
/// <param name="Idles">The server offers IMAP IDLE, so bounces are read as they arrive.</param>
public sealed record BounceMailboxView(int ChannelId, string Channel, string Address, DateTime? CheckedAt,
    string? Failure,
    string? Fix, DateTime? FailingSince, bool Idles);
