using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailRouting.Bounces.Parsing;
using MailRouting.Channels;
using MailRouting.Connections;
using MailRouting.Data;
using MailRouting.Diagnostics;
using MailRouting.Resolution;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MailRouting.Bounces.Reading;

/// <summary>
/// One read of a channel's INBOX: the messages after the last one read, their headers first; those that may be
/// bounces or automatic answers are fetched whole and read; bounces are recorded and moved to the bounce folder.
/// Customers' mail and automatic answers stay where they are, unread flags untouched.
/// </summary>
public sealed class BounceMailboxReader(MailRoutingDbContext db, MailboxLogins logins, SenderResolution resolution,
    BounceRecorder recorder, IOptions<BounceOptions> options, TimeProvider time)
{
    private const int Batch = 100;

    /// <returns>The channel's IMAP settings and sign-in; null when it no longer reads bounces.</returns>
    public async Task<(IncomingSettings Incoming, MailboxLogin Login)?> SignInOfAsync(int channelId,
        CancellationToken ct)
    {
        var incoming = await db.EmailChannels.AsNoTracking()
            .Where(c => c.Id == channelId && c.ReadBounces && c.Incoming.Protocol == IncomingProtocol.Imap)
            .Select(c => c.Incoming).SingleOrDefaultAsync(ct);
        return incoming is null ? null
            : (incoming, await logins.ForAsync(incoming, (await resolution.ForChannelAsync(channelId, ct))?.Grant, ct));
    }

    /// <returns>How many bounces were read.</returns>
    public async Task<int> ReadNewAsync(ImapClient client, int channelId, CancellationToken ct)
    {
        var state = await StateAsync(channelId, ct);
        var inbox = client.Inbox;
        await inbox.OpenAsync(FolderAccess.ReadWrite, ct);
        if (state.UidValidity != inbox.UidValidity)
        {
            // The server renumbered the folder: every message is read again; those recorded already are skipped.
            (state.UidValidity, state.LastUid) = (inbox.UidValidity, 0);
        }

        var folder = await ImapFolders.OpenOrCreateAsync(client, options.Value.Folder, ct);
        var found = 0;
        var after = new UniqueId((uint)Math.Min(state.LastUid + 1, uint.MaxValue));
        var uids = (await inbox.SearchAsync(SearchQuery.Uids(new UniqueIdRange(after, UniqueId.MaxValue)), ct))
            .Where(uid => uid.Id > state.LastUid).ToList();
        foreach (var batch in uids.Chunk(Batch))
        {
            var summaries = await inbox.FetchAsync(batch,
                MessageSummaryItems.UniqueId | MessageSummaryItems.Size | MessageSummaryItems.Headers, ct);
            foreach (var summary in summaries.OrderBy(s => s.UniqueId.Id))
            {
                if (summary.Headers is { } headers && MailHeaders.WorthReading(headers)
                    && summary.Size <= options.Value.MaxMessageBytes
                    && await ReadAsync(inbox, folder, summary.UniqueId, channelId, state.UidValidity, ct))
                {
                    found++;
                }

                state.LastUid = summary.UniqueId.Id;
            }

            await db.SaveChangesAsync(ct);
        }

        (state.CheckedAt, state.Failure, state.Fix) = (time.GetUtcNow().UtcDateTime, null, null);
        state.FailingSince = null;
        state.Idles = client.Capabilities.HasFlag(ImapCapabilities.Idle);
        await db.SaveChangesAsync(ct);
        return found;
    }

    /// <summary>Records why the mailbox could not be read; the first failure's time is kept until a read
    /// works.</summary>
    public async Task FailedAsync(int channelId, Diagnostic diagnostic, CancellationToken ct)
    {
        var state = await StateAsync(channelId, ct);
        var now = time.GetUtcNow().UtcDateTime;
        (state.CheckedAt, state.Failure, state.Fix) = (now, diagnostic.Message, diagnostic.Fix);
        state.FailingSince ??= now;
        await db.SaveChangesAsync(ct);
    }

    private async Task<bool> ReadAsync(IMailFolder inbox, IMailFolder folder, UniqueId uid, int channelId,
        long validity, CancellationToken ct)
    {
        var message = await inbox.GetMessageAsync(uid, ct);
        if (BounceParser.Read(message) is not { Kind: IncomingKind.Bounce, Report: { } report })
        {
            return false;
        }

        await recorder.RecordAsync(new BounceRecorder.Place(channelId, validity, uid.Id, folder.FullName), message,
            report, ct);
        await inbox.MoveToAsync(uid, folder, ct);
        return true;
    }

    private async Task<BounceMailbox> StateAsync(int channelId, CancellationToken ct)
    {
        if (await db.BounceMailboxes.SingleOrDefaultAsync(m => m.ChannelId == channelId, ct) is { } state)
        {
            return state;
        }

        state = new BounceMailbox { ChannelId = channelId };
        db.BounceMailboxes.Add(state);
        return state;
    }
}
