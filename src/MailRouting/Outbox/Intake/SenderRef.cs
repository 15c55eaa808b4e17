namespace MailRouting.Outbox.Intake;

/// <summary>Who a message is from: a channel or a user, exactly one.</summary>
public sealed record SenderRef(int? ChannelId, string? UserId);
