using System.Security.Claims;
using MailRouting.Data;
using MailRouting.Servers;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Web;

/// <summary>Whether the signed-in user must set an SMTP password before mail can go out as them (one query per page).</summary>
public sealed class PasswordBanner(MailRoutingDbContext db)
{
    public async Task<bool> IsMissingAsync(ClaimsPrincipal user)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        return id is not null && await db.Users.AnyAsync(u => u.Id == id && u.OverrideCredentials && u.ProtectedSmtpPassword == null
            && db.SmtpServers.Any(s => (u.ServerId == null ? s.IsDefault : s.Id == u.ServerId) && s.Kind == ServerKind.Custom));
    }
}
