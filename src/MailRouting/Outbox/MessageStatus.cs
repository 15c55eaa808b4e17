namespace MailRouting.Outbox;

public enum MessageStatus
{
    Queued,
    Sending,
    Sent,
    Retrying,
    Failed,
}
