using MimeKit;
using MimeKit.IO;

namespace MailRouting.Outbox.Status;

/// <summary>
/// What a stored message says, read from its MIME for the message page: the addresses as its headers give them (Bcc is
/// in no header: it is the recipients the others do not name), its bodies and its attachments with their sizes.
/// </summary>
public sealed record MessageContent(string From, string? Sender, IReadOnlyList<string> ReplyTo, IReadOnlyList<string> To, IReadOnlyList<string> Cc,
    IReadOnlyList<string> Bcc, string? Text, string? Html, IReadOnlyList<AttachmentSummary> Attachments)
{
    public static MessageContent Read(byte[] mime, IReadOnlyList<string> recipients)
    {
        using var stream = new MemoryStream(mime, writable: false);
        var message = MimeMessage.Load(stream, persistent: true);
        IReadOnlyList<string> Addresses(InternetAddressList list) => [.. list.Mailboxes.Select(Shown)];
        var named = message.To.Mailboxes.Concat(message.Cc.Mailboxes).Select(m => m.Address).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new MessageContent(string.Join(", ", Addresses(message.From)), message.Sender is { } sender ? Shown(sender) : null, Addresses(message.ReplyTo), Addresses(message.To),
            Addresses(message.Cc), [.. recipients.Where(r => !named.Contains(r))], message.TextBody, message.HtmlBody,
            [.. message.Attachments.OfType<MimePart>().Select(Summary)]);
    }

    /// <summary>"Acme Sales &lt;sales@acme.test&gt;" as people write it, without the quotes MIME may need.</summary>
    private static string Shown(MailboxAddress mailbox) => string.IsNullOrWhiteSpace(mailbox.Name) ? mailbox.Address : $"{mailbox.Name} <{mailbox.Address}>";

    private static AttachmentSummary Summary(MimePart part)
    {
        using var measuring = new MeasuringStream();
        part.Content?.DecodeTo(measuring);
        return new AttachmentSummary(part.FileName ?? "(no name)", part.ContentType.MimeType, measuring.Length);
    }
}
