namespace MailRouting.Outbox.Intake;

public sealed record SendRequest(
    SenderRef? From,
    IList<string?>? To,
    IList<string?>? Cc,
    IList<string?>? Bcc,
    string? Subject,
    string? Text,
    string? Html,
    int? ReplyToChannelId,
    IList<AttachmentInput?>? Attachments,
    string? IdempotencyKey,
    string? Signature = null,
    int? ProjectId = null,
    bool? SendToSuppressed = null)
{
    public const string AutoSignature = "auto";
    public const string NoSignature = "none";
}
