using MimeKit;

namespace MailRouting.ConnectionTests;

internal static class TestMessages
{
    public static MimeMessage Build(TestMessage message)
    {
        var mime = new MimeMessage
        {
            Subject = "MailRouting test message",
            Body = new TextPart("plain")
            {
                Text = $"This message was sent by MailRouting to test {message.Description}.\n\n"
                    + $"Envelope sender: {message.EnvelopeFrom}\nFrom: {message.FromName} <{message.FromAddress}>\n",
            },
        };
        mime.From.Add(new MailboxAddress(message.FromName, message.FromAddress));
        mime.To.Add(MailboxAddress.Parse(message.Recipient));
        if (message.ReplyTo is not null)
        {
            mime.ReplyTo.Add(MailboxAddress.Parse(message.ReplyTo));
        }

        return mime;
    }
}
