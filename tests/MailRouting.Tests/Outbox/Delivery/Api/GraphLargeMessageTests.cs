using MailRouting.Outbox.Delivery.Api;
using MimeKit;

namespace MailRouting.Tests.Outbox.Delivery.Api;

public sealed class GraphLargeMessageTests
{
    private const int Limit = 40_000;

    private static byte[] Mime(string text, params (string Name, int Bytes)[] attachments)
    {
        var body = new BodyBuilder { TextBody = text };
        foreach (var (name, bytes) in attachments)
        {
            body.Attachments.Add(name, Enumerable.Range(0, bytes).Select(i => (byte)i).ToArray());
        }

        var message = new MimeMessage { Subject = "Large", Body = body.ToMessageBody(), MessageId = "large@acme.test" };
        message.From.Add(MailboxAddress.Parse("support@acme.test"));
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return stream.ToArray();
    }

    [Fact]
    public void Split_TakesOutTheLargestAttachmentsFirst_OnlyUntilTheRestFits()
    {
        var mime = Mime("Hello", ("small.bin", 1_000), ("big.bin", 25_000), ("middle.bin", 12_000));

        var split = GraphLargeMessage.Split(mime, Limit)!;

        Assert.Equal(["big.bin"], split.Attachments.Select(a => a.Name));
        Assert.Equal(25_000, split.Attachments[0].Content.Length);
        Assert.Equal("application/octet-stream", split.Attachments[0].ContentType);
        Assert.True(GraphLargeMessage.Base64Length(split.Draft) <= Limit);
        var draft = MimeMessage.Load(new MemoryStream(split.Draft));
        Assert.Equal("large@acme.test", draft.MessageId);
        Assert.Equal("Hello", draft.TextBody!.Trim());
        Assert.Equal(["small.bin", "middle.bin"], draft.Attachments.Select(a => ((MimePart)a).FileName));
    }

    [Fact]
    public void Split_TooLargeEvenWithoutAnyAttachment_IsNull()
    {
        Assert.Null(GraphLargeMessage.Split(Mime(new string('x', 50_000), ("a.bin", 1_000)), Limit));
    }
}
