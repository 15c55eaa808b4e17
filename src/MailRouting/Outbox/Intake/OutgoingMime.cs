using MailRouting.Resolution;
using MimeKit;
using MimeKit.Utils;

namespace MailRouting.Outbox.Intake;

/// <summary>The MIME a message is stored and sent as: built once from the request and the plan, readdressed on a retry.</summary>
public static class OutgoingMime
{
    /// <param name="signature">
    /// Appended to the text part and to the HTML part, each when both exist; stored in the message, so a retry sends the same.
    /// </param>
    public static (string MessageId, byte[] Bytes) Build(SendRequest request, SendPlan plan,
        List<(string Name, string Type, byte[] Content)> attachments, (string? Text, string? Html)? signature)
    {
        var message = new MimeMessage { Subject = request.Subject ?? "" };
        message.From.Add(new MailboxAddress(plan.From.Name, plan.From.Address));
        if (plan.ReplyTo is { } replyTo)
        {
            message.ReplyTo.Add(MailboxAddress.Parse(replyTo));
        }

        message.To.AddRange(RequestAddresses.Given(request.To).Select(MailboxAddress.Parse));
        message.Cc.AddRange(RequestAddresses.Given(request.Cc).Select(MailboxAddress.Parse));
        message.MessageId = MimeUtils.GenerateMessageId(plan.From.Address[(plan.From.Address.IndexOf('@', StringComparison.Ordinal) + 1)..]);
        var body = new BodyBuilder
        {
            TextBody = request.Text is not null && signature?.Text is { } text ? $"{request.Text.TrimEnd()}\n\n-- \n{text}" : request.Text,
            HtmlBody = request.Html is not null && signature?.Html is { } html ? $"{request.Html}\n<div class=\"signature\">{html}</div>" : request.Html,
        };
        foreach (var (name, type, content) in attachments)
        {
            body.Attachments.Add(MimeBytes.Attachment(name, ContentType.Parse(type), content));
        }

        message.Body = body.ToMessageBody();
        return (message.MessageId, MimeBytes.Of(message));
    }

    /// <summary>
    /// The stored message with From (and the Reply-To the resolver implies) set by a new plan; the Message-ID, body and a
    /// Reply-To chosen by the sender stay as they were.
    /// </summary>
    public static byte[] Readdressed(byte[] stored, SendPlan plan, string senderAddress)
    {
        using var input = new MemoryStream(stored, writable: false);
        var mime = MimeMessage.Load(input, persistent: true);
        mime.From.Clear();
        mime.From.Add(new MailboxAddress(plan.From.Name, plan.From.Address));
        var replyTo = mime.ReplyTo.Mailboxes.Select(m => m.Address).ToList();
        if (replyTo.Count == 0 || replyTo.SequenceEqual([senderAddress], StringComparer.OrdinalIgnoreCase))
        {
            mime.ReplyTo.Clear();
            if (plan.ReplyTo is not null)
            {
                mime.ReplyTo.Add(MailboxAddress.Parse(plan.ReplyTo));
            }
        }

        return MimeBytes.Of(mime);
    }
}
