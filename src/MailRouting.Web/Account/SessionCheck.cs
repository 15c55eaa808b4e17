using System.Security.Claims;
using MailRouting.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MailRouting.Web.Account;

/// <summary>
/// Checks a sign-in cookie on every request against the user's security stamp (one small query), so signing out, which
/// changes the stamp, ends the session at once on every instance; Identity's own periodic check then refreshes the roles.
/// </summary>
public static class SessionCheck
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var stampClaim = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var id = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = context.Principal?.FindFirstValue(stampClaim);
        var current = id is null ? null : await services.GetRequiredService<MailRoutingDbContext>().Users.AsNoTracking()
            .Where(u => u.Id == id).Select(u => u.SecurityStamp).SingleOrDefaultAsync(context.HttpContext.RequestAborted);
        if (current is null || current != stamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }
}
