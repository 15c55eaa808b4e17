using System.Text.Json;
using MailRouting.Data;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Audit;

/// <summary>
/// Reads the audit log, newest first, a page at a time. Nothing here (or anywhere in the app) edits an entry.
/// </summary>
public sealed class AuditQueries(MailRoutingDbContext db)
{
    public const int PageSize = 50;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<PagedList<AuditRecord>> ListAsync(AuditFilter filter, CancellationToken ct)
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (filter.Actor?.Trim().ToLowerInvariant() is { Length: > 0 } actor)
        {
            // Actors are stored in lower case.
            entries = entries.Where(e => e.Actor.Contains(actor));
        }

        if (filter.Kind is { Length: > 0 } kind)
        {
            entries = entries.Where(e => e.Kind == kind);
        }

        if (filter.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            entries = entries.Where(e => e.At >= start);
        }

        if (filter.To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            entries = entries.Where(e => e.At < end);
        }

        var total = await entries.CountAsync(ct);
        var (page, skip) = Paging.Window(filter.Page, total, PageSize);
        var rows = await entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip(skip).Take(PageSize).ToListAsync(ct);
        return new PagedList<AuditRecord>([.. rows.Select(Read)], total, page, PageSize);
    }

    private static AuditRecord Read(AuditEntry e) => new(e.Id, e.At, e.Actor, e.ActorAddress, e.Kind, e.Subject,
        e.SubjectId,
        e.Action, JsonSerializer.Deserialize<List<AuditChange>>(e.Changes, Json) ?? []);
}
