namespace MailRouting.Outbox.SentCopy;

public enum SentCopyStatus
{
    /// <summary>Waiting for its first attempt, or for its next one after a failure that may pass.</summary>
    Pending,
    Copied,

    /// <summary>Given up: the mailbox refused in a way that trying again would not change, or every attempt failed.</summary>
    Failed,
}
