namespace MailRouting.Readiness;

/// <summary>What became of one channel in a move: moved after its test succeeded, or left where it was and why.</summary>
/// <param name="Channel">The channel's address; null when there is no such channel.</param>
public sealed record ChannelMoveResult(int ChannelId, string? Channel, bool Moved, string Outcome);
