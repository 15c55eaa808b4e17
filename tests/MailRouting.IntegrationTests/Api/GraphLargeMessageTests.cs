using System.Security.Cryptography;
using MailRouting.IntegrationTests.Mta;
using MailRouting.IntegrationTests.OAuth;
using MimeKit;

namespace MailRouting.IntegrationTests.Api;

/// <summary>
/// Messages over sendMail's 4 MB go through the Graph stand-in as a draft: the MIME without its largest attachments
/// (here the 3.2 MB scan, added through an upload session, and the 1.6 MB letter, added in one request), then the
/// draft sent; the smallest attachment stays in the draft's MIME. (The test Postfix takes messages up to 10 MB.)
/// </summary>
[Collection(MtaGroup.Name)]
public sealed class GraphLargeMessageTests(MtaFixture mta) : OAuthAppTests(mta)
{
    [Fact]
    public async Task SixMegabyteMessage_GoesThroughAnUploadSession_AndArrivesWholeWithTheSameMessageId()
    {
        var channel = await OAuth.ChannelAsync("support@acme.test",
            await OAuth.GraphServerAsync(null, "support@acme.test", []));
        var to = MtaFixture.UniqueRecipient();
        var (scan, letter, photo) = (RandomNumberGenerator.GetBytes(3_200_000),
            RandomNumberGenerator.GetBytes(1_600_000), RandomNumberGenerator.GetBytes(1_200_000));

        var accepted = await AcceptedAsync(Api, new
        {
            from = new { channelId = channel }, to = new[] { to }, subject = "Large over Graph", text = "Attached.",
            attachments = new[] { Attachment("scan.bin", scan), Attachment("letter.bin", letter),
                Attachment("photo.bin", photo) },
        });
        var sent = await DoneAsync(Api, accepted);

        Assert.True((string?)sent["status"] == "Sent", sent.ToJsonString());
        Assert.Contains("a draft with 2 attachment(s) added separately", (string?)sent["attempts"]![0]!["serverReply"]);
        var (delivered, _) = await Mta.DeliveredToAsync(to, TimeSpan.FromSeconds(30));
        Assert.Equal((string?)accepted["messageId"], delivered.MessageId);
        Assert.Equal("support@acme.test", delivered.From.Mailboxes.Single().Address);
        Assert.Equal("Attached.", delivered.TextBody!.Trim());
        Assert.Equal(scan, Content(delivered, "scan.bin"));
        Assert.Equal(letter, Content(delivered, "letter.bin"));
        Assert.Equal(photo, Content(delivered, "photo.bin"));
        Assert.Single(Mta.Graph.Calls, c => c is { Status: 202, Upload: true } && c.MessageId == delivered.MessageId);
        Assert.Equal(0, Mta.Graph.DraftsLeft("support@acme.test"));
    }

    [Fact]
    public async Task LargeMessage_RefusedAtTheDraftsSend_IsExplained_AndItsDraftDeleted()
    {
        var server = await OAuth.GraphServerAsync("agent@acme.test", "agent@acme.test",
            ["support@acme.test", "sales@acme.test"]);
        await OAuth.ConnectAsync($"/api/v1/smtp-servers/{server}/oauth/connect", MtaFixture.Agent);
        var notGranted = await OAuth.ChannelAsync("sales@acme.test", server);

        var sent = await DoneAsync(Api, await AcceptedAsync(Api, new
        {
            from = new { channelId = notGranted }, to = new[] { MtaFixture.UniqueRecipient() }, subject = "Large",
            text = "x", attachments = new[] { Attachment("scan.bin", RandomNumberGenerator.GetBytes(4 * 1024 * 1024)) },
        }));

        Assert.Equal("Failed", (string?)sent["status"]);
        Assert.Equal("SenderNotOwned", (string?)sent["attempts"]![0]!["diagnosticCode"]);
        Assert.StartsWith("403 ErrorSendAsDenied", (string?)sent["attempts"]![0]!["serverReply"]);
        Assert.Equal(0, Mta.Graph.DraftsLeft("agent@acme.test"));
    }

    private static object Attachment(string fileName, byte[] content) => new
    {
        fileName, contentType = "application/octet-stream", contentBase64 = Convert.ToBase64String(content),
    };

    private static byte[] Content(MimeMessage message, string fileName)
    {
        using var content = new MemoryStream();
        message.Attachments.OfType<MimePart>().Single(a => a.FileName == fileName).Content!.DecodeTo(content);
        return content.ToArray();
    }
}
