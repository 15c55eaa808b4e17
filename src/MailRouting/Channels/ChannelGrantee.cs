using MailRouting.Resolution;

namespace MailRouting.Channels;

/// <summary>A user or a group chosen for a channel that is not open to every agent, for one use (sender or Reply-To).</summary>
public sealed class ChannelGrantee
{
    public int Id { get; set; }
    public int ChannelId { get; set; }
    public ChannelUse Use { get; set; }

    /// <summary>Exactly one of <see cref="UserId"/> and <see cref="GroupId"/> is set.</summary>
    public string? UserId { get; set; }

    public int? GroupId { get; set; }
}
