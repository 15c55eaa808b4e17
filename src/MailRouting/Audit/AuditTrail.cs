using System.Collections;
using System.Globalization;
using System.Text.Json;
using MailRouting.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MailRouting.Audit;

/// <summary>
/// Writes an <see cref="AuditEntry"/> for every audited entity a save creates, changes or deletes, in the same save, so
/// a change and its record are committed together. A created row's id is known only after the save: it is filled in
/// then. One instance per DbContext.
/// </summary>
internal sealed class AuditTrail(IAuditActor actor, TimeProvider time) : SaveChangesInterceptor
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly List<(AuditEntry Entry, EntityEntry Created)> awaitingIds = [];
    private bool fillingIds;

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Record(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        if (FillIds() && eventData.Context is { } context)
        {
            fillingIds = true;
            try
            {
                await context.SaveChangesAsync(cancellationToken);
            }
            finally
            {
                fillingIds = false;
            }
        }

        return await base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (FillIds() && eventData.Context is { } context)
        {
            fillingIds = true;
            try
            {
                context.SaveChanges();
            }
            finally
            {
                fillingIds = false;
            }
        }

        return base.SavedChanges(eventData, result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => awaitingIds.Clear();

    private void Record(DbContext? context)
    {
        if (context is not MailRoutingDbContext db || fillingIds)
        {
            return;
        }

        // Changes are detected only where an audited entity is tracked: the outbox's saves, which track none, are
        // spared a second pass over every tracked message (the save itself detects changes after this interceptor).
        if (Audited(db.ChangeTracker).Count == 0)
        {
            return;
        }

        if (db.ChangeTracker.AutoDetectChangesEnabled)
        {
            db.ChangeTracker.DetectChanges();
        }

        // Detecting may have found new entities through navigations (a channel's new grantee).
        var audited = Audited(db.ChangeTracker);

        var (who, from) = actor.Current;
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var entry in audited)
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)
                || AuditedEntities.Describe(entry.Entity) is not var (kind, name))
            {
                continue;
            }

            var changes = Changes(entry);
            if (changes.Count == 0)
            {
                continue;
            }

            var audit = new AuditEntry
            {
                At = now, Actor = who.ToLowerInvariant(), ActorAddress = from, Kind = kind, Subject = name,
                SubjectId = KeyOf(entry),
                Action = entry.State switch
                {
                    EntityState.Added => AuditAction.Created,
                    EntityState.Deleted => AuditAction.Deleted,
                    _ => AuditAction.Changed,
                },
                Changes = JsonSerializer.Serialize(changes, Json),
            };
            db.AuditEntries.Add(audit);
            if (entry.State == EntityState.Added)
            {
                awaitingIds.Add((audit, entry));
            }
        }
    }

    /// <summary>The tracked entries of audited entities, found without detecting changes.</summary>
    private static List<EntityEntry> Audited(ChangeTracker tracker)
    {
        var detects = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            return [.. tracker.Entries().Where(e => AuditedEntities.Describe(e.Entity) is not null)];
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detects;
        }
    }

    /// <returns>Whether a created row's id was filled in, so the audit entries must be saved again.</returns>
    private bool FillIds()
    {
        foreach (var (audit, created) in awaitingIds)
        {
            audit.SubjectId = KeyOf(created);
        }

        var any = awaitingIds.Count > 0;
        awaitingIds.Clear();
        return any;
    }

    private static string KeyOf(EntityEntry entry) =>
        string.Join('/',
            entry.Metadata.FindPrimaryKey()!.Properties.Select(p => Text(entry.Property(p.Name).CurrentValue)));

    private static List<AuditChange> Changes(EntityEntry entry)
    {
        var properties = entry.Properties.Select(p => (p.Metadata.Name, Entry: p))
            .Concat(entry.ComplexProperties.SelectMany(c =>
                c.Properties.Select(p => ($"{c.Metadata.Name}.{p.Metadata.Name}", p))));
        var changes = new List<AuditChange>();
        foreach (var (name, member) in properties)
        {
            var leaf = name[(name.LastIndexOf('.') + 1)..];
            if (AuditedEntities.IsBookkeeping(leaf) || member.Metadata.IsShadowProperty())
            {
                continue;
            }

            var (before, after) = entry.State switch
            {
                EntityState.Added => (null, Text(member.CurrentValue)),
                EntityState.Deleted => (Text(member.OriginalValue), null),
                _ => (Text(member.OriginalValue), Text(member.CurrentValue)),
            };
            if (before == after)
            {
                continue;
            }

            changes.Add(AuditedEntities.IsSecret(leaf)
                ? new AuditChange(name, before is null ? null : "set",
                    after is null ? null : before is null ? "set" : "changed")
                : new AuditChange(name, before, after));
        }

        return changes;
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        string text => text,
        IEnumerable items => string.Join(", ", items.Cast<object?>().Select(Text)),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
