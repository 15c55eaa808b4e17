using MailRouting.Channels;
using MailRouting.Data;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Bounces;

/// <summary>Bounces read, newest first; those of one message; and the mailboxes they are read from.</summary>
public sealed class BounceQueries(MailRoutingDbContext db)
{
    public const int PageSize = 50;

    public async Task<PagedList<BounceView>> ListAsync(BounceFilter filter, CancellationToken ct)
    {
        var bounces = db.Bounces.AsNoTracking();
        if (filter.Matched is { } matched)
        {
            bounces = matched
                ? bounces.Where(b => b.OutboxMessageId != null)
                : bounces.Where(b => b.OutboxMessageId == null);
        }

        if (filter.Kind is { } kind)
        {
            bounces = bounces.Where(b => b.Kind == kind);
        }

        if (filter.Recipient?.Trim().ToLowerInvariant() is { Length: > 0 } recipient)
        {
            bounces = bounces.Where(b => b.Recipient.Contains(recipient));
        }

        var total = await bounces.CountAsync(ct);
        var (page, skip) = Paging.Window(filter.Page, total, PageSize);
        var rows = await bounces.OrderByDescending(b => b.ReceivedAt).ThenByDescending(b => b.Id)
            .Skip(skip).Take(PageSize).ToListAsync(ct);
        return new PagedList<BounceView>([.. rows.Select(BounceView.Of)], total, page, PageSize);
    }

    /// <summary>What came back about one sent message, oldest first.</summary>
    public async Task<IReadOnlyList<BounceView>> OfMessageAsync(Guid messageId, CancellationToken ct) =>
        [.. (await db.Bounces.AsNoTracking().Where(b => b.OutboxMessageId == messageId).OrderBy(b => b.ReceivedAt)
            .ThenBy(b => b.Id).ToListAsync(ct)).Select(BounceView.Of)];

    /// <summary>Every channel that reads bounces, with how its last read went.</summary>
    public async Task<IReadOnlyList<BounceMailboxView>> MailboxesAsync(CancellationToken ct) =>
        await db.EmailChannels.AsNoTracking()
            .Where(c => c.ReadBounces && c.Incoming.Protocol == IncomingProtocol.Imap).OrderBy(c => c.Name)
            .Select(c => new
            {
                c.Id, c.Name, c.Address, State = db.BounceMailboxes.FirstOrDefault(m => m.ChannelId == c.Id),
            })
            .Select(c => new BounceMailboxView(c.Id, c.Name, c.Address, c.State == null ? null : c.State.CheckedAt,
                c.State == null ? null : c.State.Failure, c.State == null ? null : c.State.Fix,
                c.State == null ? null : c.State.FailingSince, c.State != null && c.State.Idles))
            .ToListAsync(ct);
}
