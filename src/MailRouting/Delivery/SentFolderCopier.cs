using System.Net;
using MailKit;
using MailKit.Net.Imap;
using MailRouting.Channels;
using MailRouting.Secrets;
using MimeKit;

namespace MailRouting.Delivery;

/// <summary>Appends a sent message to a folder of the channel's IMAP mailbox, creating the folder when it is missing.</summary>
public sealed class SentFolderCopier(SecretProtector secrets)
{
    private const int TimeoutSeconds = 20;

    /// <returns>The full name of the folder the copy landed in.</returns>
    public async Task<string> CopyAsync(IncomingSettings incoming, string folderName, byte[] mime, CancellationToken ct)
    {
        using var client = new ImapClient { Timeout = TimeoutSeconds * 1000, CheckCertificateRevocation = false };
        client.ServerCertificateValidationCallback = new CertificateCheck(null).Validate;
        await client.ConnectAsync(incoming.Host ?? "", incoming.Port ?? 0, incoming.Security.ToSocketOptions(), ct);
        var password = incoming.ProtectedPassword is null ? "" : secrets.Unprotect(incoming.ProtectedPassword);
        await MailboxSignIn.SignInAsync(client, new NetworkCredential(incoming.Username, password), ct);
        var folder = await FolderAsync(client, folderName, ct);
        using var stream = new MemoryStream(mime);
        await folder.AppendAsync(await MimeMessage.LoadAsync(stream, ct), MessageFlags.Seen, ct);
        await client.DisconnectAsync(true, ct);
        return folder.FullName;
    }

    private static async Task<IMailFolder> FolderAsync(ImapClient client, string name, CancellationToken ct)
    {
        try
        {
            return await client.GetFolderAsync(name, ct);
        }
        catch (FolderNotFoundException)
        {
            var personal = client.GetFolder(client.PersonalNamespaces[0]);
            return await personal.CreateAsync(name, true, ct) ?? throw new FolderNotFoundException(name);
        }
    }
}
