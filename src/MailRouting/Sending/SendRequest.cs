namespace MailRouting.Sending;

/// <summary>Who a message is from: a channel or a user, exactly one.</summary>
public sealed record SenderRef(int? ChannelId, string? UserId);

public sealed record AttachmentInput(string? FileName, string? ContentType, string? ContentBase64);

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
    int? ProjectId = null)
{
    public const string AutoSignature = "auto";
    public const string NoSignature = "none";
}

/// <summary>All messages accepted, in request order; or why none was: invalid input, or the sender of message <c>FailedIndex</c>.</summary>
public sealed record BatchResult(IReadOnlyList<OutboxMessage> Messages, IReadOnlyDictionary<string, string[]>? Errors, Resolution.ResolutionFailure? Failure,
    int? FailedIndex);

/// <summary>Accepted (new or, for a repeated idempotency key, the first one), invalid, or not sendable as that sender.</summary>
public sealed record EnqueueResult(OutboxMessage? Message, IReadOnlyDictionary<string, string[]>? Errors, Resolution.ResolutionFailure? Failure,
    bool Repeated = false);
