using MailRouting.Bounces.Parsing;

namespace MailRouting.Bounces;

/// <summary>
/// One recipient of one bounce read from a mailbox (a bounce about two recipients is two rows), kept whether or not
/// it could be matched to a sent message. The mailbox's message (channel, UIDVALIDITY, UID) is recorded once.
/// </summary>
public sealed class Bounce
{
    public long Id { get; set; }
    public DateTime ReceivedAt { get; set; }

    /// <summary>The channel whose incoming mailbox it was found in.</summary>
    public int ChannelId { get; set; }
    public long UidValidity { get; set; }
    public long Uid { get; set; }

    /// <summary>Empty when the bounce names no recipient that could be read.</summary>
    public required string Recipient { get; set; }
    public BounceKind Kind { get; set; }
    public required string Status { get; set; }
    public string? Reply { get; set; }
    public string? ReportedBy { get; set; }
    public BounceFormat Format { get; set; }

    /// <summary>The sent message it is about; null when it could not be matched (then it is listed as
    /// unmatched).</summary>
    public Guid? OutboxMessageId { get; set; }
    public BounceMatch MatchedBy { get; set; }
    public string? OriginalMessageId { get; set; }
    public required string Subject { get; set; }
    public required string From { get; set; }

    /// <summary>The folder the bounce was moved to, or where it stays when it could not be moved.</summary>
    public required string Folder { get; set; }
}
