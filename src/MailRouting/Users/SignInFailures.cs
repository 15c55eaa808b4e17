using MailRouting.Data;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Users;

/// <summary>
/// Holds back sign-ins to an account from one address after <see cref="MaxFailures"/> wrong passwords from it within
/// <see cref="Window"/>. The hold is per address, so someone guessing from outside can never lock the account's owner
/// out; counted in the database, so it holds over every instance. An admin's Unlock lifts it.
/// </summary>
public sealed class SignInFailures(MailRoutingDbContext db, TimeProvider time)
{
    public const int MaxFailures = 5;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    public async Task<bool> IsHeldAsync(string userId, string address, CancellationToken ct)
    {
        var since = time.GetUtcNow().UtcDateTime - Window;
        return await db.SignInFailures.CountAsync(f => f.UserId == userId && f.Address == address && f.At > since, ct) >= MaxFailures;
    }

    /// <returns>Until when this address is now held back, once it reached the limit; otherwise null.</returns>
    public async Task<DateTime?> RecordAsync(string userId, string address, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await db.SignInFailures.Where(f => f.At < now - Window).ExecuteDeleteAsync(ct);
        db.SignInFailures.Add(new SignInFailure { UserId = userId, Address = address, At = now });
        await db.SaveChangesAsync(ct);
        return await IsHeldAsync(userId, address, ct) ? now + Window : null;
    }

    /// <summary>Lifts every hold on the account (an admin's Unlock, a new password).</summary>
    public Task ClearAsync(string userId, CancellationToken ct) => db.SignInFailures.Where(f => f.UserId == userId).ExecuteDeleteAsync(ct);
}
