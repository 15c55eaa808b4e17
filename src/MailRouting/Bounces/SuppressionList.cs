using MailRouting.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MailRouting.Bounces;

/// <summary>The suppressed addresses: which of a message's recipients are, the list with its filters, and
/// removal.</summary>
public sealed class SuppressionList(MailRoutingDbContext db, TimeProvider time, ILogger<SuppressionList> logger)
{
    public const int PageSize = 50;

    /// <summary>The entries in force for any of <paramref name="addresses"/>.</summary>
    public async Task<IReadOnlyList<SuppressionView>> InForceAsync(IEnumerable<string> addresses, CancellationToken ct)
    {
        var wanted = addresses.Select(a => a.Trim().ToLowerInvariant()).Distinct().ToList();
        return wanted.Count == 0 ? []
            : await Project(db.Suppressions.Where(s => s.RemovedAt == null && wanted.Contains(s.Address)))
            .ToListAsync(ct);
    }

    public async Task<PagedList<SuppressionView>> ListAsync(SuppressionFilter filter, CancellationToken ct)
    {
        var entries = db.Suppressions.AsNoTracking();
        if (filter.Address?.Trim().ToLowerInvariant() is { Length: > 0 } address)
        {
            entries = entries.Where(s => s.Address.Contains(address));
        }

        if (filter.Reason is { } reason)
        {
            entries = entries.Where(s => s.Reason == reason);
        }

        if (filter.Removed is { } removed)
        {
            entries = removed ? entries.Where(s => s.RemovedAt != null) : entries.Where(s => s.RemovedAt == null);
        }

        var total = await entries.CountAsync(ct);
        var (page, skip) = Paging.Window(filter.Page, total, PageSize);
        var rows = await Project(entries.OrderByDescending(s => s.Since).ThenByDescending(s => s.Id)
                .Skip(skip).Take(PageSize))
            .ToListAsync(ct);
        return new PagedList<SuppressionView>(rows, total, page, PageSize);
    }

    /// <summary>Sends to the address again; the entry stays, with who removed it, when and why.</summary>
    public async Task<Change<SuppressionView>> RemoveAsync(int id, string? reason, string removedBy,
        CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 500)
        {
            return Change<SuppressionView>.Invalid("reason",
                "Say in up to 500 characters why mail may go to this address again "
                    + "(\"customer confirmed the new mailbox\").");
        }

        if (await db.Suppressions.SingleOrDefaultAsync(s => s.Id == id, ct) is not { } entry)
        {
            return Change<SuppressionView>.NotFound("suppression");
        }

        if (!entry.IsActive)
        {
            return Change<SuppressionView>.Refused(
                $"{entry.Address} was already removed from the list by {entry.RemovedBy} on "
                    + $"{entry.RemovedAt:yyyy-MM-dd HH:mm} UTC.");
        }

        (entry.RemovedAt, entry.RemovedBy) = (time.GetUtcNow().UtcDateTime, removedBy);
        entry.RemovalReason = reason.Trim();
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Suppression of {Address} removed by {User}", entry.Address, removedBy);
        return Change<SuppressionView>.Done(await Project(db.Suppressions.Where(s => s.Id == id)).SingleAsync(ct));
    }

    private IQueryable<SuppressionView> Project(IQueryable<Suppression> entries) => entries.AsNoTracking().Select(s =>
        new SuppressionView(s.Id, s.Address, s.Reason, s.Detail, s.Since,
            db.Bounces.Where(b => b.Id == s.BounceId).Select(b => b.OutboxMessageId).FirstOrDefault(),
            s.RemovedAt == null, s.RemovedAt, s.RemovedBy, s.RemovalReason));
}
