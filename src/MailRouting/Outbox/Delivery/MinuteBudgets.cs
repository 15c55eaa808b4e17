using MailRouting.Data;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Outbox.Delivery;

/// <summary>What is left of each rate-limited server's per-minute budget, counted over every app instance.</summary>
public sealed class MinuteBudgets(MailRoutingDbContext db)
{
    public async Task<Dictionary<int, MinuteBudget>> ForAsync(IEnumerable<OutboxMessage> claimed, DateTime now, CancellationToken ct)
    {
        var serverIds = claimed.Select(m => m.ServerId).Distinct().ToList();
        var limits = await db.SmtpServers.Where(s => serverIds.Contains(s.Id) && s.MaxMessagesPerMinute != null)
            .Select(s => new { s.Id, Limit = s.MaxMessagesPerMinute!.Value }).ToListAsync(ct);
        var budgets = new Dictionary<int, MinuteBudget>();
        var windowStart = now.AddMinutes(-1);
        foreach (var server in limits)
        {
            var recent = await db.Outbox.Where(m => m.ServerId == server.Id && m.SentAt > windowStart)
                .OrderBy(m => m.SentAt).Select(m => m.SentAt!.Value).Take(server.Limit).ToListAsync(ct);
            budgets[server.Id] = new MinuteBudget(server.Limit - recent.Count, recent.Count > 0 ? recent[0].AddMinutes(1) : now.AddMinutes(1));
        }

        return budgets;
    }
}
