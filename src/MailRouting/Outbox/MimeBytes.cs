using MimeKit;
using MimeKit.IO;

namespace MailRouting.Outbox;

/// <summary>
/// A message and its attachments without extra copies: for a 25 MB message each copy is 25 MB more that the process holds
/// until the next full garbage collection.
/// </summary>
public static class MimeBytes
{
    /// <summary>The message in one array of exactly its size (a growing MemoryStream would take about twice that, then copy it).</summary>
    public static byte[] Of(MimeMessage message)
    {
        using var measuring = new MeasuringStream();
        message.WriteTo(measuring);
        var bytes = new byte[measuring.Length];
        using var output = new MemoryStream(bytes);
        message.WriteTo(output);
        return bytes;
    }

    /// <summary>
    /// An attachment that reads its content from <paramref name="content"/> instead of copying it. Whole messages are
    /// parsed as MIME parts of their own, as MimeKit does for them.
    /// </summary>
    public static MimeEntity Attachment(string fileName, ContentType type, byte[] content)
    {
        if (type.IsMimeType("message", "rfc822"))
        {
            return new AttachmentCollection().Add(fileName, content, type);
        }

        return new MimePart(type)
        {
            Content = new MimeContent(new MemoryStream(content, writable: false)),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = fileName,
        };
    }
}
