using System.Text;
using MailRouting.Outbox;
using MailRouting.Outbox.Delivery.Api;
using MimeKit;

namespace MailRouting.Tests.Outbox.Delivery.Api;

public sealed class ApiMimeTests
{
    private static OutboxMessage Message(params string[] recipients)
    {
        var mime = new MimeMessage { Subject = "Hi", Body = new TextPart("plain") { Text = "Hello" } };
        mime.From.Add(MailboxAddress.Parse("support@acme.test"));
        mime.To.Add(MailboxAddress.Parse("jane@customer.test"));
        mime.Cc.Add(MailboxAddress.Parse("Joe <joe@customer.test>"));
        using var bytes = new MemoryStream();
        mime.WriteTo(bytes);
        return new OutboxMessage
        {
            MessageId = mime.MessageId!, SenderId = "1", CreatedBy = "u", FromAddress = "support@acme.test",
                EnvelopeFrom = "support@acme.test",
            Recipients = [.. recipients], Subject = "Hi", Mime = bytes.ToArray(),
        };
    }

    [Fact]
    public void For_RecipientsTheHeadersName_IsTheOutboxsMimeUnchanged()
    {
        var message = Message("jane@customer.test", "JOE@customer.test");

        Assert.Same(message.Mime, ApiMime.For(message));
    }

    [Fact]
    public void For_HiddenRecipients_BecomeABccHeader_AndNothingElseChanges()
    {
        var message = Message("jane@customer.test", "joe@customer.test", "boss@acme.test", "audit@acme.test");

        var given = ApiMime.For(message);
        var parsed = MimeMessage.Load(new MemoryStream(given));

        Assert.Equal(["boss@acme.test", "audit@acme.test"], parsed.Bcc.Mailboxes.Select(m => m.Address));
        Assert.Equal(message.MessageId, parsed.MessageId);
        Assert.EndsWith(Encoding.ASCII.GetString(message.Mime), Encoding.ASCII.GetString(given),
            StringComparison.Ordinal);
    }
}
