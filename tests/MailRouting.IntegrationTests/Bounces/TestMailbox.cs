using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailRouting.IntegrationTests.Mta;
using MimeKit;

namespace MailRouting.IntegrationTests.Bounces;

/// <summary>A test account's mailbox in the real Dovecot, read and filled over IMAP as a mail client would.</summary>
public sealed class TestMailbox(MtaFixture mta, (string Login, string Password) account)
{
    /// <summary>Puts a message into the INBOX, as if it had been delivered.</summary>
    public Task AppendAsync(string mime) => WithClientAsync(async client =>
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(mime.ReplaceLineEndings("\r\n")));
        await client.Inbox.AppendAsync(await MimeMessage.LoadAsync(stream), MessageFlags.None);
        return 0;
    });

    /// <summary>Whether <paramref name="folder"/> holds a message with this Message-ID (false without it).</summary>
    public Task<bool> HoldsAsync(string folder, string messageId) => WithClientAsync(async client =>
    {
        IMailFolder opened;
        try
        {
            opened = folder == "INBOX" ? client.Inbox : await client.GetFolderAsync(folder);
        }
        catch (FolderNotFoundException)
        {
            return false;
        }

        await opened.OpenAsync(FolderAccess.ReadOnly);
        return (await opened.SearchAsync(SearchQuery.HeaderContains("Message-ID", messageId))).Count > 0;
    });

    /// <summary>Whether <paramref name="folder"/> holds a bounce about <paramref name="recipient"/>.</summary>
    public Task<bool> HoldsBounceForAsync(string folder, string recipient) => WithClientAsync(async client =>
    {
        var opened = await client.GetFolderAsync(folder);
        await opened.OpenAsync(FolderAccess.ReadOnly);
        return (await opened.SearchAsync(SearchQuery.BodyContains(recipient))).Count > 0;
    });

    private async Task<T> WithClientAsync<T>(Func<ImapClient, Task<T>> use)
    {
        using var client = new ImapClient { Timeout = 20_000 };
        await client.ConnectAsync(MtaFixture.Host, mta.ImapPort, MailKit.Security.SecureSocketOptions.None);
        await client.AuthenticateAsync(account.Login, account.Password);
        var result = await use(client);
        await client.DisconnectAsync(true);
        return result;
    }
}
