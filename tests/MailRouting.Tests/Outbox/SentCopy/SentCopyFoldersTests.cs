using MailRouting.Channels;
using MailRouting.Outbox.SentCopy;
using MailRouting.Servers;
using MailRouting.Tests.Outbox.Delivery;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Tests.Outbox.SentCopy;

/// <summary>Which mail is copied to the sender's Sent folder by IMAP: an HTTP API keeps its own copy.</summary>
public sealed class SentCopyFoldersTests
{
    [Theory]
    [InlineData(ServerTransport.Smtp, false, true)]
    [InlineData(ServerTransport.MicrosoftGraph, false, false)]
    [InlineData(ServerTransport.MicrosoftGraph, true, true)]
    [InlineData(ServerTransport.GmailApi, true, true)]
    public async Task ForAsync_CopiesApiMailOnlyWhenItsServerAsks(ServerTransport transport, bool alsoCopy,
        bool copied)
    {
        await using var database = await OutboxDatabase.CreateAsync();
        var serverId = await database.ServerAsync();
        await using (var db = database.Open())
        {
            await db.SmtpServers.Where(s => s.Id == serverId).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Transport, transport).SetProperty(x => x.CopyApiMailToSent, alsoCopy));
            db.EmailChannels.Add(new EmailChannel
            {
                Id = 1, Name = "Support", Address = OutboxDatabase.Login, CopyToSentFolder = "Sent",
                Incoming = new IncomingSettings { Protocol = IncomingProtocol.Imap, Host = "imap.acme.test" },
            });
            await db.SaveChangesAsync();
        }

        await database.QueueAsync(serverId, 1);
        await using var reader = database.Open();

        var folders = await new SentCopyFolders(reader).ForAsync(await database.MessagesAsync(), default);

        Assert.Equal(copied, folders.TryGetValue("Channel/1", out var folder) && folder == "Sent");
    }
}
