namespace MailRouting.Outbox.Intake;

/// <summary>An identity someone may send as, and how mail from it would go out right now.</summary>
public sealed record SenderChoice(string Key, string Label, SenderRef Ref, Resolution.Resolution Resolution);
