using MailRouting.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MailRouting.Web.Account;

/// <summary>
/// Sign-in that does not reveal which accounts exist: an unknown email, a wrong password, a deactivated account and an
/// address held back take the same time (one password hash and the same pause) and give the same answer, Failed. Wrong
/// passwords hold back only the address they came from (<see cref="SignInFailures"/>), never the account's owner elsewhere.
/// </summary>
public sealed class UniformSignInManager(UserManager<AppUser> users, IHttpContextAccessor context, IUserClaimsPrincipalFactory<AppUser> claims,
    IOptions<IdentityOptions> options, ILogger<SignInManager<AppUser>> logger, IAuthenticationSchemeProvider schemes, IUserConfirmation<AppUser> confirmation,
    SignInFailures failures)
    : SignInManager<AppUser>(users, context, claims, options, logger, schemes, confirmation)
{
    /// <summary>How long every failed sign-in waits before it answers: guessing takes time, and a refusal tells nothing by its speed.</summary>
    public static readonly TimeSpan FailurePause = TimeSpan.FromSeconds(1);

    private static readonly Lazy<string> StandInHash = new(() => new PasswordHasher<AppUser>().HashPassword(new AppUser(), Guid.NewGuid().ToString()));

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user is null)
        {
            return await FailAsync(password);
        }

        return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
    }

    /// <summary>The password is checked before anything else counts; only a wrong one holds back its address.</summary>
    public override async Task<SignInResult> CheckPasswordSignInAsync(AppUser user, string password, bool lockoutOnFailure)
    {
        var address = Context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var ct = Context.RequestAborted;
        if (user.Deactivated || await failures.IsHeldAsync(user.Id, address, ct))
        {
            return await FailAsync(password);
        }

        if (await UserManager.CheckPasswordAsync(user, password))
        {
            return SignInResult.Success;
        }

        if (await failures.RecordAsync(user.Id, address, ct) is { } heldUntil)
        {
            // Shown to admins on the user's page, with Unlock; it does not stop sign-ins from other addresses.
            await UserManager.SetLockoutEndDateAsync(user, new DateTimeOffset(heldUntil, TimeSpan.Zero));
            Logger.LogWarning("Sign-ins to user {UserId} from {Address} are held back after {Count} wrong passwords", user.Id, address, SignInFailures.MaxFailures);
        }

        await Task.Delay(FailurePause, ct);
        return SignInResult.Failed;
    }

    /// <summary>The work and the pause of a wrong password, so a refusal without a real check looks like one with it.</summary>
    private async Task<SignInResult> FailAsync(string password)
    {
        UserManager.PasswordHasher.VerifyHashedPassword(new AppUser(), StandInHash.Value, password);
        await Task.Delay(FailurePause, Context.RequestAborted);
        return SignInResult.Failed;
    }
}
