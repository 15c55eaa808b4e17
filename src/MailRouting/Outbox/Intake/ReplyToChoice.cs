namespace MailRouting.Outbox.Intake;

/// <summary>A channel a message may name as its Reply-To (celanio's "Antwortadresse").</summary>
public sealed record ReplyToChoice(int ChannelId, string Label);
