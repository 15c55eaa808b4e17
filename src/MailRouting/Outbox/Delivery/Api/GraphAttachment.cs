namespace MailRouting.Outbox.Delivery.Api;

/// <summary>An attachment taken out of a message too large for sendMail, to be added to its draft on its own.</summary>
/// <param name="Content">The attachment's decoded bytes.</param>
public sealed record GraphAttachment(string Name, string ContentType, byte[] Content);
