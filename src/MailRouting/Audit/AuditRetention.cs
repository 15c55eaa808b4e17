using MailRouting.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace MailRouting.Audit;

/// <summary>
/// Removes entries older than <c>Audit:RetentionDays</c> (365; 1 to 3650): the only way an entry ever goes.
/// </summary>
public sealed class AuditRetention(MailRoutingDbContext db, TimeProvider time, AuditRetention.Options options)
{
    public sealed record Options(TimeSpan Keep)
    {
        public static Options From(IConfiguration configuration)
        {
            var days = configuration.GetValue<int?>("Audit:RetentionDays") ?? 365;
            return days is >= 1 and <= 3650 ? new Options(TimeSpan.FromDays(days))
                : throw new InvalidOperationException($"Audit:RetentionDays is {days}; it must be between 1 and 3650.");
        }
    }

    /// <returns>How many entries were removed.</returns>
    public async Task<int> RemoveOldAsync(CancellationToken ct)
    {
        var before = time.GetUtcNow().UtcDateTime - options.Keep;
        return await db.AuditEntries.Where(e => e.At < before).ExecuteDeleteAsync(ct);
    }
}
