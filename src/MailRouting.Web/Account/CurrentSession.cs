using System.Security.Claims;
using MailRouting.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MailRouting.Web.Account;

/// <summary>An API access token counts only while its user's security stamp is unchanged: deactivated or signed out, it is refused at once.</summary>
public sealed class CurrentSession : IAuthorizationRequirement;

/// <summary>One small query per API request, as the cookie's <see cref="SessionCheck"/> makes for pages.</summary>
public sealed class CurrentSessionHandler(MailRoutingDbContext db, IOptions<IdentityOptions> identity) : AuthorizationHandler<CurrentSession>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, CurrentSession requirement)
    {
        var id = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = context.User.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        var current = id is null ? null : await db.Users.AsNoTracking().Where(u => u.Id == id && !u.Deactivated).Select(u => u.SecurityStamp).SingleOrDefaultAsync();
        if (current is not null && current == stamp)
        {
            context.Succeed(requirement);
        }
        else
        {
            context.Fail(new AuthorizationFailureReason(this, "The account was deactivated or signed out; sign in again."));
        }
    }
}
