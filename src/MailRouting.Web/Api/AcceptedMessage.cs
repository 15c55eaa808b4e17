using MailRouting.Outbox;


namespace MailRouting.Web.Api;

/// <summary>A message the outbox took: where to follow it, its state and its Message-ID.</summary>
public sealed record AcceptedMessage(Guid Id, MessageStatus Status, string MessageId)
{
    public static AcceptedMessage Of(OutboxMessage message) => new(message.Id, message.Status, message.MessageId);
}
