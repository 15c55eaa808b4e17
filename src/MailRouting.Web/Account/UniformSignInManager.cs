using MailRouting.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MailRouting.Web.Account;

/// <summary>
/// Sign-in that does not reveal which accounts exist: an unknown email, a wrong password and a locked or deactivated account
/// take the same time (one password hash each) and give the same answer, Failed. Lockout still counts failures and still refuses.
/// </summary>
public sealed class UniformSignInManager(UserManager<AppUser> users, IHttpContextAccessor context, IUserClaimsPrincipalFactory<AppUser> claims,
    IOptions<IdentityOptions> options, ILogger<SignInManager<AppUser>> logger, IAuthenticationSchemeProvider schemes, IUserConfirmation<AppUser> confirmation)
    : SignInManager<AppUser>(users, context, claims, options, logger, schemes, confirmation)
{
    private static readonly Lazy<string> StandInHash = new(() => new PasswordHasher<AppUser>().HashPassword(new AppUser(), Guid.NewGuid().ToString()));

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user is null)
        {
            HashAnyway(password);
            return SignInResult.Failed;
        }

        return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
    }

    public override async Task<SignInResult> CheckPasswordSignInAsync(AppUser user, string password, bool lockoutOnFailure)
    {
        if (user.Deactivated || await UserManager.IsLockedOutAsync(user))
        {
            HashAnyway(password);
            return SignInResult.Failed;
        }

        var result = await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
        return result.IsLockedOut ? SignInResult.Failed : result;
    }

    /// <summary>The work of checking a password, so a refusal without a real check takes as long as one with it.</summary>
    private void HashAnyway(string password) => UserManager.PasswordHasher.VerifyHashedPassword(new AppUser(), StandInHash.Value, password);
}
