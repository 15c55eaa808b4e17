using MailRouting.Outbox;
using MailRouting.Outbox.Status;
using MimeKit;

namespace MailRouting.Tests.Outbox.Status;

public sealed class MessageContentTests
{
    [Fact]
    public void Read_KeepsEveryAddressFieldApart_AndSizesTheAttachments()
    {
        var message = new MimeMessage { Subject = "Quote" };
        message.From.Add(new MailboxAddress("Acme Sales", "relay@acme.test"));
        message.ReplyTo.Add(MailboxAddress.Parse("sales@acme.test"));
        message.To.Add(MailboxAddress.Parse("ann@customer.test"));
        message.Cc.Add(MailboxAddress.Parse("bob@customer.test"));
        var body = new BodyBuilder { TextBody = "Plain", HtmlBody = "<p>Rich</p>" };
        body.Attachments.Add(MimeBytes.Attachment("quote.pdf", new ContentType("application", "pdf"), new byte[5000]));
        message.Body = body.ToMessageBody();

        var content = MessageContent.Read(MimeBytes.Of(message), ["ann@customer.test", "BOB@customer.test", "audit@acme.test"]);

        Assert.Equal("Acme Sales <relay@acme.test>", content.From);
        Assert.Null(content.Sender);
        Assert.Equal(["sales@acme.test"], content.ReplyTo);
        Assert.Equal(["ann@customer.test"], content.To);
        Assert.Equal(["bob@customer.test"], content.Cc);
        Assert.Equal(["audit@acme.test"], content.Bcc);
        Assert.Equal("Plain", content.Text);
        Assert.Equal("<p>Rich</p>", content.Html);
        Assert.Equal(new AttachmentSummary("quote.pdf", "application/pdf", 5000), Assert.Single(content.Attachments));
    }
}
