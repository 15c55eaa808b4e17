using System.Globalization;
using MailRouting.Channels;
using MailRouting.Data;
using MailRouting.Resolution;
using MailRouting.Servers;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Outbox.SentCopy;

/// <summary>The Sent folder of each sender in a batch that files copies of its mail, read once for the whole batch.</summary>
public sealed class SentCopyFolders(MailRoutingDbContext db)
{
    public static string KeyOf(OutboxMessage message) => $"{message.SenderKind}/{message.SenderId}";

    /// <returns>
    /// The folder by <see cref="KeyOf"/>; a sender that files no copies is not in it, and neither is mail an HTTP API
    /// carried (it files the copy in Sent Items itself) unless its server asks for the copy as well.
    /// </returns>
    public async Task<IReadOnlyDictionary<string, string>> ForAsync(IReadOnlyCollection<OutboxMessage> messages, CancellationToken ct)
    {
        var channelIds = messages.Where(m => m.SenderKind == SenderKind.Channel).Select(m => int.Parse(m.SenderId, CultureInfo.InvariantCulture))
            .Distinct().ToList();
        var userIds = messages.Where(m => m.SenderKind == SenderKind.User).Select(m => m.SenderId).Distinct().ToList();
        var channels = channelIds.Count == 0 ? [] : await db.EmailChannels.AsNoTracking()
            .Where(c => channelIds.Contains(c.Id) && c.CopyToSentFolder != null && c.Incoming.Protocol == IncomingProtocol.Imap)
            .Select(c => new { Key = "Channel/" + c.Id, Folder = c.CopyToSentFolder! }).ToListAsync(ct);
        var users = userIds.Count == 0 ? [] : await db.Users.AsNoTracking()
            .Where(u => userIds.Contains(u.Id) && u.CopyToSentFolder != null && u.Incoming.Protocol == IncomingProtocol.Imap)
            .Select(u => new { Key = "User/" + u.Id, Folder = u.CopyToSentFolder! }).ToListAsync(ct);
        var folders = channels.Concat(users).ToDictionary(c => c.Key, c => c.Folder);
        if (folders.Count == 0)
        {
            return folders;
        }

        var serverIds = messages.Select(m => m.ServerId).Distinct().ToList();
        var apiServers = await db.SmtpServers.AsNoTracking()
            .Where(s => serverIds.Contains(s.Id) && s.Transport != ServerTransport.Smtp && !s.CopyApiMailToSent)
            .Select(s => s.Id).ToListAsync(ct);
        return apiServers.Count == 0 ? folders
            : messages.Where(m => !apiServers.Contains(m.ServerId) && folders.ContainsKey(KeyOf(m)))
                .Select(KeyOf).Distinct().ToDictionary(key => key, key => folders[key]);
    }
}
