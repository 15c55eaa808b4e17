using System.Text.Json.Serialization;

namespace MailRouting.Outbox.Intake;

/// <param name="Content">Base64 in JSON (<c>contentBase64</c>), decoded straight into bytes: a 25 MB file is never also held as text.</param>
public sealed record AttachmentInput(string? FileName, string? ContentType,
    [property: JsonPropertyName("contentBase64"), JsonConverter(typeof(Base64Content))] byte[]? Content);
