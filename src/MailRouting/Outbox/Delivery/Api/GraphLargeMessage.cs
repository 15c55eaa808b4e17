using MimeKit;

namespace MailRouting.Outbox.Delivery.Api;

/// <summary>
/// A message whose MIME is over what sendMail takes, split the way Graph can still send it: the MIME without its
/// largest attachments (small enough to become a draft) and those attachments, to be added to the draft one by one.
/// Headers, Message-ID and body stay as the outbox built them.
/// </summary>
/// <param name="Draft">The MIME the draft is created from.</param>
public sealed record GraphLargeMessage(byte[] Draft, IReadOnlyList<GraphAttachment> Attachments)
{
    /// <summary>
    /// Takes attachments out, largest first, until the rest fits in <paramref name="maxBase64"/> characters of base64;
    /// null when even the message without any attachment does not.
    /// </summary>
    public static GraphLargeMessage? Split(byte[] mime, int maxBase64)
    {
        var message = MimeMessage.Load(new MemoryStream(mime, writable: false));
        var attachments = message.BodyParts.OfType<MimePart>().Where(p => p.IsAttachment)
            .Select(part => (Part: part, Content: Decoded(part)))
            .OrderByDescending(a => a.Content.Length)
            .ToList();
        var taken = new List<GraphAttachment>();
        var draft = mime;
        foreach (var (part, content) in attachments)
        {
            if (Base64Length(draft) <= maxBase64)
            {
                break;
            }

            Remove(message.Body!, part);
            taken.Add(new GraphAttachment(part.FileName ?? "attachment", part.ContentType.MimeType, content));
            draft = Serialized(message);
        }

        return Base64Length(draft) <= maxBase64 ? new GraphLargeMessage(draft, taken) : null;
    }

    public static long Base64Length(byte[] bytes) => (bytes.LongLength + 2) / 3 * 4;

    private static byte[] Decoded(MimePart part)
    {
        using var content = new MemoryStream();
        part.Content?.DecodeTo(content);
        return content.ToArray();
    }

    private static void Remove(MimeEntity entity, MimePart part)
    {
        if (entity is Multipart multipart && !multipart.Remove(part))
        {
            foreach (var child in multipart)
            {
                Remove(child, part);
            }
        }
    }

    private static byte[] Serialized(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return stream.ToArray();
    }
}
