using MailRouting.Data;
using MailRouting.OAuth;
using MailRouting.Servers;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Resolution;

/// <summary>One stored server as the resolver sees it, outside the cached server lists.</summary>
public static class RoutingServerLoader
{
    /// <summary>The server with whether its own mailbox is connected (OAuth2).</summary>
    public static async Task<RoutingServer> RoutingServerAsync(this MailRoutingDbContext db, SmtpServer server,
        CancellationToken ct)
    {
        var own = GrantKey.ForServer(server.Id);
        return RoutingServer.From(server,
            await db.OAuthGrants.AnyAsync(g => g.Owner == own.Owner && g.OwnerId == own.OwnerId, ct));
    }
}
