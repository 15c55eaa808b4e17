using MailRouting.Data;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.OAuth;

/// <summary>Tokens go with the login they belong to: removed in the same save that deletes or changes that login.</summary>
public static class GrantRemoval
{
    public static async Task RemoveGrantAsync(this MailRoutingDbContext db, GrantKey key, CancellationToken ct) =>
        db.OAuthGrants.RemoveRange(await db.OAuthGrants.Where(g => g.Owner == key.Owner && g.OwnerId == key.OwnerId).ToListAsync(ct));
}
