using System.Security.Cryptography;
using System.Text;
using MailRouting.Data;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Users;

/// <summary>
/// Makes refresh tokens single-use across every app instance: a token is spent by inserting its hash, and the primary key lets
/// only one of two concurrent uses succeed.
/// </summary>
public sealed class RefreshTokenLedger(MailRoutingDbContext db, TimeProvider time)
{
    /// <returns>False when the token was spent before.</returns>
    public async Task<bool> TrySpendAsync(string token, DateTimeOffset expiresAt, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await db.SpentRefreshTokens.Where(t => t.ExpiresAt < now).ExecuteDeleteAsync(ct);
        return await db.TryAddOnceAsync(
            new SpentRefreshToken { Hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token))), ExpiresAt = expiresAt.UtcDateTime }, ct);
    }
}
