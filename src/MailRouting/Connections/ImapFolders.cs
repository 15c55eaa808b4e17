using MailKit;
using MailKit.Net.Imap;
using MailRouting.Validation;

namespace MailRouting.Connections;

/// <summary>Folders of an IMAP mailbox that the app files mail in: Sent copies, bounces read.</summary>
public static class ImapFolders
{
    /// <summary>The folder by its full name; a missing one is created level by level, split by the server's own
    /// separator.</summary>
    public static async Task<IMailFolder> OpenOrCreateAsync(ImapClient client, string name, CancellationToken ct)
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
                folder = subfolders.FirstOrDefault(f => f.Name == level)
                    ?? await folder.CreateAsync(level, true, ct) ?? throw new FolderNotFoundException(name);
            }

            return folder;
        }
    }
}
