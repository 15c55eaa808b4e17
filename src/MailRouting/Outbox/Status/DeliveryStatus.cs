using MailRouting.Data;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Outbox.Status;

/// <summary>The status section of the home page, read from the outbox itself so it covers every app instance.</summary>
public sealed class DeliveryStatus(MailRoutingDbContext db, TimeProvider time)
{
    public async Task<DeliveryOverview> OverviewAsync(CancellationToken ct)
    {
        var byStatus = await db.Outbox.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var since = time.GetUtcNow().UtcDateTime.AddHours(-24);
        var byServer = await db.Outbox.Where(m => m.CreatedAt > since)
            .GroupBy(m => m.ServerId)
            .Select(g => new
            {
                ServerId = g.Key,
                Sent = g.Count(m => m.Status == MessageStatus.Sent),
                Failed = g.Count(m => m.Status == MessageStatus.Failed),
                Retrying = g.Count(m => m.Status == MessageStatus.Retrying),
            })
            .Join(db.SmtpServers, g => g.ServerId, s => s.Id, (g, s) => new ServerDelivery(s.Id, s.Name, g.Sent, g.Failed, g.Retrying))
            .ToListAsync(ct);
        return new DeliveryOverview(byStatus, byServer);
    }
}
