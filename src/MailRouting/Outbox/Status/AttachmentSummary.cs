namespace MailRouting.Outbox.Status;

public sealed record AttachmentSummary(string FileName, string ContentType, long Bytes);
