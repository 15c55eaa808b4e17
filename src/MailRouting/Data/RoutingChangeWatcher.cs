using System.Data.Common;
using MailRouting.Channels;
using MailRouting.Resolution;
using MailRouting.Servers;
using MailRouting.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MailRouting.Data;

/// <summary>
/// Drops the <see cref="RoutingCache"/> once a save that changed a server, channel or a user's mail settings is
/// committed (after the save, or after the surrounding transaction commits), and tells the other instances. One instance
/// per DbContext.
/// </summary>
internal sealed class RoutingChangeWatcher(RoutingCache cache, RoutingChangeBroadcast broadcast) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    /// <summary>The user columns resolution reads; sign-in bookkeeping (lockout, security stamp) does not count.</summary>
    private static readonly HashSet<string> RoutingUserProperties =
    [
        nameof(AppUser.Email), nameof(AppUser.DisplayName), nameof(AppUser.ServerId), nameof(AppUser.OverrideCredentials),
        nameof(AppUser.SmtpUsername), nameof(AppUser.ProtectedSmtpPassword),
    ];

    private bool pending;

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Notice(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Notice(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context?.Database.CurrentTransaction is null)
        {
            await InvalidateAsync(cancellationToken);
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context?.Database.CurrentTransaction is null)
        {
            _ = InvalidateAsync(CancellationToken.None);
        }

        return result;
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        InvalidateAsync(cancellationToken);

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => _ = InvalidateAsync(CancellationToken.None);

    private void Notice(DbContext? context)
    {
        pending |= context?.ChangeTracker.Entries().Any(ChangesRouting) == true;
    }

    /// <summary>The other instances are told before the save returns, so whoever saved can rely on them resolving with the change.</summary>
    private async Task InvalidateAsync(CancellationToken ct)
    {
        if (pending)
        {
            pending = false;
            cache.Invalidate();
            await broadcast.PublishAsync(ct);
        }
    }

    private static bool ChangesRouting(EntityEntry entry) => entry.State switch
    {
        EntityState.Added or EntityState.Deleted => entry.Entity is SmtpServer or EmailChannel or AppUser or OAuth.OAuthGrant
            or Groups.UserGroup or Groups.UserGroupMember or ChannelGrantee,
        EntityState.Modified => entry.Entity is SmtpServer or EmailChannel or Groups.UserGroup or ChannelGrantee
            || (entry.Entity is AppUser && entry.Properties.Any(p => p.IsModified && RoutingUserProperties.Contains(p.Metadata.Name))),
        _ => false,
    };
}
