using System.Globalization;
using MailRouting.Data;
using MailRouting.Outbox.SentCopy;
using MailRouting.Resolution;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Outbox.Status;

/// <summary>Messages as people may see them: admins all, others what they sent or what went out as them.</summary>
public sealed class MessageQueries(MailRoutingDbContext db)
{
    public const int PageSize = 50;

    public async Task<MessageView?> FindAsync(Guid id, Actor actor, CancellationToken ct) =>
        (await ViewsAsync(Visible(actor).Where(m => m.Id == id), ct)).SingleOrDefault();

    public async Task<PagedList<MessageView>> ListAsync(MessageFilter filter, Actor actor, CancellationToken ct)
    {
        var messages = Visible(actor);
        if (filter.Status is { } status)
        {
            messages = messages.Where(m => m.Status == status);
        }

        if (filter.ChannelId is { } channel)
        {
            var sender = channel.ToString(CultureInfo.InvariantCulture);
            messages = messages.Where(m => m.SenderKind == SenderKind.Channel && m.SenderId == sender);
        }

        if (filter.UserId is not null)
        {
            messages = messages.Where(m => m.SenderKind == SenderKind.User && m.SenderId == filter.UserId);
        }

        if (filter.ServerId is { } server)
        {
            messages = messages.Where(m => m.ServerId == server);
        }

        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var term = filter.Search.Trim();
            messages = messages.Where(m => m.Subject.Contains(term) || m.Recipients.Any(r => r.Contains(term)));
        }

        if (filter.CreatedFrom is { } from)
        {
            messages = messages.Where(m => m.CreatedAt >= from);
        }

        if (filter.CreatedBefore is { } before)
        {
            messages = messages.Where(m => m.CreatedAt < before);
        }

        var total = await messages.CountAsync(ct);
        var (page, skip) = Paging.Window(filter.Page, total, PageSize);
        var items = await ViewsAsync(messages.OrderByDescending(m => m.CreatedAt).Skip(skip).Take(PageSize), ct);
        return new PagedList<MessageView>(items, total, page, PageSize);
    }

    /// <summary>The newest messages the actor may see, optionally of one status only: for the home page.</summary>
    public async Task<IReadOnlyList<MessageView>> RecentAsync(Actor actor, MessageStatus? status, int count, CancellationToken ct)
    {
        var messages = Visible(actor);
        if (status is { } only)
        {
            messages = messages.Where(m => m.Status == only);
        }

        return await ViewsAsync(messages.OrderByDescending(m => m.CreatedAt).Take(count), ct);
    }

    /// <summary>The message as written, read from its stored MIME: for one message's page, never for a list.</summary>
    public async Task<MessageContent?> ContentAsync(Guid id, Actor actor, CancellationToken ct) =>
        await Visible(actor).Where(m => m.Id == id).Select(m => new { m.Mime, m.Recipients }).SingleOrDefaultAsync(ct) is { } stored
            ? MessageContent.Read(stored.Mime, stored.Recipients)
            : null;

    /// <summary>For filters typed as addresses: the channel with this address, or -1 (no message matches) when there is none.</summary>
    public async Task<int> ChannelIdOfAsync(string address, CancellationToken ct) =>
        await db.EmailChannels.Where(c => c.Address == address.Trim()).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct) ?? -1;

    /// <summary>The user with this email, or an id no user has when there is none.</summary>
    public async Task<string> UserIdOfAsync(string email, CancellationToken ct)
    {
        var normalized = email.Trim().ToUpperInvariant();
        return await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).FirstOrDefaultAsync(ct) ?? "";
    }

    private IQueryable<OutboxMessage> Visible(Actor actor) => actor.IsAdmin || actor.ReadsAll
        ? db.Outbox.AsNoTracking()
        : db.Outbox.AsNoTracking().Where(m => m.CreatedBy == actor.UserId || (m.SenderKind == SenderKind.User && m.SenderId == actor.UserId));

    /// <summary>
    /// Reads only what a view shows, never the stored MIME (up to the size limit per message). The columns are taken
    /// member by member: handed to a constructor with the attempts, EF reads every column of the row, the MIME too.
    /// </summary>
    private async Task<List<MessageView>> ViewsAsync(IQueryable<OutboxMessage> messages, CancellationToken ct)
    {
        var rows = await messages.Select(m => new
        {
            m.Id, m.Status, m.MessageId, m.SenderKind, m.SenderId, m.FromAddress, m.EnvelopeFrom, m.ServerId, m.Login, m.Credentials, m.Subject, m.Recipients, m.CreatedAt,
            m.SentAt, m.QueueId, m.Attempts, m.FallbackFromServerId, m.NextAttemptAt,
            m.HeldForConfiguration,
        }).ToListAsync(ct);
        var ids = rows.Select(m => m.Id).ToList();
        var copies = await db.SentCopies.AsNoTracking().Where(c => ids.Contains(c.OutboxMessageId))
            .ToDictionaryAsync(c => c.OutboxMessageId, c => new SentCopyView(c.Status, c.Folder, c.Attempts, c.NextAttemptAt, c.CopiedAt, c.CopiedTo,
                c.DiagnosticCode, c.Diagnostic, c.Fix), ct);
        var bounces = (await db.Bounces.AsNoTracking()
                .Where(b => b.OutboxMessageId != null && ids.Contains(b.OutboxMessageId.Value))
                .OrderBy(b => b.ReceivedAt).ThenBy(b => b.Id).ToListAsync(ct))
            .ToLookup(b => b.OutboxMessageId!.Value, Bounces.BounceView.Of);
        return [.. rows.Select(m => new MessageView(m.Id, m.Status, m.MessageId, m.SenderKind, m.SenderId, m.FromAddress, m.EnvelopeFrom, m.ServerId, m.Login,
            m.Credentials, m.Subject, m.Recipients, m.CreatedAt, m.SentAt, m.QueueId, m.Attempts,
            copies.GetValueOrDefault(m.Id), m.FallbackFromServerId,
            m.Status is MessageStatus.Queued or MessageStatus.Retrying && !m.HeldForConfiguration
                ? m.NextAttemptAt
                : null,
            [.. bounces[m.Id]]))];
    }
}
