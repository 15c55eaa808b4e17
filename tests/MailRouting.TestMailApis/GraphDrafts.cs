using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using MimeKit;

namespace MailRouting.TestMailApis;

/// <summary>
/// Graph's way for messages over sendMail's 4 MB (https://learn.microsoft.com/graph/outlook-large-attachments): a draft
/// created from base64 MIME (https://learn.microsoft.com/graph/api/user-post-messages), attachments added in one
/// request (https://learn.microsoft.com/graph/api/message-post-attachments) or through an upload session whose URL
/// takes the bytes in ranges without a token (https://learn.microsoft.com/graph/api/attachment-createuploadsession),
/// then the draft sent (https://learn.microsoft.com/graph/api/message-send) or deleted.
/// </summary>
public sealed partial class GraphDrafts(Func<Uri> baseAddress)
{
    public const int MaxChunkBytes = 4 * 1024 * 1024;

    private readonly ConcurrentDictionary<string, (string Mailbox, MimeMessage Message)> drafts = new();
    private readonly ConcurrentDictionary<string, Upload> uploads = new();

    /// <summary>Drafts created and neither sent nor deleted.</summary>
    public int Left(string mailbox) => drafts.Values.Count(d => d.Mailbox.Equals(mailbox,
        StringComparison.OrdinalIgnoreCase));

    public async Task<(int Status, string? MessageId)> CreateAsync(HttpContext context, string mailbox,
        MimeMessage message)
    {
        var id = Guid.NewGuid().ToString("N");
        drafts[id] = (mailbox, message);
        context.Response.StatusCode = 201;
        await context.Response.WriteAsJsonAsync(new { id, internetMessageId = $"<{message.MessageId}>" });
        return (201, message.MessageId);
    }

    public async Task<(int Status, string? MessageId)> AttachAsync(HttpContext context, string mailbox, string id)
    {
        if (Draft(mailbox, id) is not { } message)
        {
            return (await NotFound(context), null);
        }

        var attachment = await context.Request.ReadFromJsonAsync<FileAttachment>();
        Attach(message, attachment!.Name, attachment.ContentType, Convert.FromBase64String(attachment.ContentBytes));
        context.Response.StatusCode = 201;
        return (201, message.MessageId);
    }

    public async Task<(int Status, string? MessageId)> CreateUploadSessionAsync(HttpContext context, string mailbox,
        string id)
    {
        if (Draft(mailbox, id) is not { } message)
        {
            return (await NotFound(context), null);
        }

        var item = (await context.Request.ReadFromJsonAsync<UploadSessionRequest>())!.AttachmentItem;
        var session = Guid.NewGuid().ToString("N");
        uploads[session] = new Upload(message, item.Name, item.ContentType, new byte[item.Size]);
        context.Response.StatusCode = 201;
        await context.Response.WriteAsJsonAsync(new
        {
            uploadUrl = new Uri(baseAddress(), $"upload/{session}"), nextExpectedRanges = new[] { "0-" },
            expirationDateTime = DateTimeOffset.UtcNow.AddHours(1),
        });
        return (201, message.MessageId);
    }

    /// <summary>One range of an upload: 200 with the next range expected, 201 once the last byte is in.</summary>
    public async Task PutAsync(HttpContext context, string session)
    {
        var range = ContentRange().Match(context.Request.Headers.ContentRange.ToString());
        if (context.Request.Headers.Authorization.Count > 0)
        {
            await LoopbackHost.ErrorAsync(context, 401, new { code = "InvalidAuthenticationToken",
                message = "Do not send an Authorization header to an upload URL." });
            return;
        }

        if (!uploads.TryGetValue(session, out var upload) || !range.Success
            || long.Parse(range.Groups[1].Value) != upload.Received
            || long.Parse(range.Groups[3].Value) != upload.Content.Length)
        {
            await LoopbackHost.ErrorAsync(context, 416, new { code = "InvalidRange",
                message = $"Expected the range starting at {upload?.Received ?? 0}." });
            return;
        }

        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        if (body.Length > MaxChunkBytes || body.Length != long.Parse(range.Groups[2].Value) - upload.Received + 1)
        {
            await LoopbackHost.ErrorAsync(context, 413, new { code = "RequestEntityTooLarge",
                message = "A range must be at most 4 MB and as long as its Content-Range says." });
            return;
        }

        body.ToArray().CopyTo(upload.Content, upload.Received);
        upload.Received += body.Length;
        if (upload.Received < upload.Content.Length)
        {
            await context.Response.WriteAsJsonAsync(new { nextExpectedRanges = new[] { $"{upload.Received}-" } });
            return;
        }

        uploads.TryRemove(session, out _);
        Attach(upload.Message, upload.Name, upload.ContentType, upload.Content);
        context.Response.StatusCode = 201;
    }

    /// <summary>The draft, taken out of the drafts; null when the mailbox has no draft of that id.</summary>
    public MimeMessage? Take(string mailbox, string id) =>
        Draft(mailbox, id) is not null && drafts.TryRemove(id, out var draft) ? draft.Message : null;

    public static Task<int> NotFound(HttpContext context) => LoopbackHost.ErrorAsync(context, 404,
        new { code = "ErrorItemNotFound", message = "The specified object was not found in the store." });

    private MimeMessage? Draft(string mailbox, string id) =>
        drafts.TryGetValue(id, out var draft) && draft.Mailbox.Equals(mailbox, StringComparison.OrdinalIgnoreCase)
            ? draft.Message
            : null;

    private static void Attach(MimeMessage message, string name, string contentType, byte[] content)
    {
        var part = new MimePart(ContentType.Parse(contentType))
        {
            Content = new MimeContent(new MemoryStream(content)),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = name,
        };
        lock (message)
        {
            if (message.Body is Multipart { ContentType.MediaSubtype: "mixed" } mixed)
            {
                mixed.Add(part);
            }
            else
            {
                message.Body = new Multipart("mixed") { message.Body!, part };
            }
        }
    }

    [GeneratedRegex(@"^bytes (\d+)-(\d+)/(\d+)$")]
    private static partial Regex ContentRange();

    private sealed record FileAttachment(string Name, string ContentType, string ContentBytes);

    private sealed record UploadSessionRequest(AttachmentItem AttachmentItem);

    private sealed record AttachmentItem(string Name, int Size, string ContentType);

    private sealed class Upload(MimeMessage message, string name, string contentType, byte[] content)
    {
        public MimeMessage Message => message;
        public string Name => name;
        public string ContentType => contentType;
        public byte[] Content => content;
        public long Received { get; set; }
    }
}
