using System.Text.Json.Serialization;
using MailRouting.Outbox;

namespace MailRouting.Outbox.Intake;

/// <summary>Who a message is from: a channel or a user, exactly one.</summary>
public sealed record SenderRef(int? ChannelId, string? UserId);

/// <param name="Content">Base64 in JSON (<c>contentBase64</c>), decoded straight into bytes: a 25 MB file is never also held as text.</param>
public sealed record AttachmentInput(string? FileName, string? ContentType,
    [property: JsonPropertyName("contentBase64"), JsonConverter(typeof(Base64Content))] byte[]? Content);

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
