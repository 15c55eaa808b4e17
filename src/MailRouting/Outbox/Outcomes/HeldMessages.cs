using MailRouting.Data;
using MailRouting.Resolution;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Outbox.Outcomes;

/// <summary>Releases messages held after a rejected sign-in once the settings that sign in have changed.</summary>
public static class HeldMessages
{
    public static Task<int> ReleaseForServerAsync(this MailRoutingDbContext db, int serverId, DateTime now, CancellationToken ct) =>
        Release(db.Outbox.Where(m => m.ServerId == serverId), now, ct);

    public static Task<int> ReleaseForSenderAsync(this MailRoutingDbContext db, SenderKind kind, string senderId, DateTime now, CancellationToken ct) =>
        Release(db.Outbox.Where(m => m.SenderKind == kind && m.SenderId == senderId), now, ct);

    private static Task<int> Release(IQueryable<OutboxMessage> messages, DateTime now, CancellationToken ct) =>
        messages.Where(m => m.HeldForConfiguration)
            .ExecuteUpdateAsync(m => m.SetProperty(x => x.HeldForConfiguration, false).SetProperty(x => x.NextAttemptAt, now), ct);
}
