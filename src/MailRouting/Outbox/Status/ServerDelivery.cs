namespace MailRouting.Outbox.Status;

public sealed record ServerDelivery(int ServerId, string Server, int Sent, int Failed, int Retrying);
