using MailKit;
using MailKit.Net.Imap;
using MailRouting.Channels;
using MailRouting.Validation;
using MimeKit;

namespace MailRouting.Delivery;

/// <summary>Appends a sent message to a folder of the channel's IMAP mailbox, creating the folder when it is missing.</summary>
public static class SentFolderCopier
{
    private const int TimeoutSeconds = 20;

    /// <returns>The full name of the folder the copy landed in.</returns>
    public static async Task<string> CopyAsync(IncomingSettings incoming, MailboxLogin login, string folderName, byte[] mime, CancellationToken ct)
    {
        if (login.Failure is { } noToken)
        {
            throw new InvalidOperationException(noToken.Message);
        }

        using var client = new ImapClient { Timeout = TimeoutSeconds * 1000, CheckCertificateRevocation = false };
        client.ServerCertificateValidationCallback = new CertificateCheck(null).Validate;
        await client.ConnectAsync(incoming.Host ?? "", incoming.Port ?? 0, incoming.Security.ToSocketOptions(), ct);
        await MailboxSignIn.SignInAsync(client, login, ct);
        var folder = await FolderAsync(client, folderName, ct);
        using var stream = new MemoryStream(mime);
        await folder.AppendAsync(await MimeMessage.LoadAsync(stream, ct), MessageFlags.Seen, ct);
        await client.DisconnectAsync(true, ct);
        return folder.FullName;
    }

    /// <summary>The folder by its full name; a missing one is created level by level, split by the server's own separator.</summary>
    private static async Task<IMailFolder> FolderAsync(ImapClient client, string name, CancellationToken ct)
    {
        try
        {
            return await client.GetFolderAsync(name, ct);
        }
        catch (FolderNotFoundException)
        {
            var folder = client.GetFolder(client.PersonalNamespaces[0]);
            foreach (var level in MailboxFolders.Levels(name, folder.DirectorySeparator))
            {
                var subfolders = await folder.GetSubfoldersAsync(false, ct);
                folder = subfolders.FirstOrDefault(f => f.Name == level) ?? await folder.CreateAsync(level, true, ct) ?? throw new FolderNotFoundException(name);
            }

            return folder;
        }
    }
}
