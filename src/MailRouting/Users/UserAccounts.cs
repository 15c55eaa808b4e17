using MailRouting.Validation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MailRouting.Users;

/// <summary>
/// What admins do for people: change name, email and role, set a new password, unlock, deactivate and reactivate. Every change
/// that should end a session changes the security stamp, which signs the user out everywhere at once. Admins cannot take
/// their own admin role or deactivate themselves, so there is always an admin.
/// </summary>
public sealed class UserAccounts(UserManager<AppUser> users, SignInFailures failures, ILogger<UserAccounts> logger)
{
    public async Task<Change<AppUser>> UpdateAsync(string id, AccountInput input, string actorId, CancellationToken ct)
    {
        if (await users.FindByIdAsync(id) is not { } user)
        {
            return Change<AppUser>.NotFound("user");
        }

        var errors = new Dictionary<string, string[]>();
        var name = input.DisplayName?.Trim() ?? "";
        var email = input.Email?.Trim() ?? "";
        if (name.Length is 0 or > 100)
        {
            errors[nameof(AccountInput.DisplayName)] = ["Enter a name of at most 100 characters."];
        }

        if (!EmailAddresses.IsValid(email))
        {
            errors[nameof(AccountInput.Email)] = ["Enter the user's email address."];
        }
        else if (await users.FindByEmailAsync(email) is { } other && other.Id != id)
        {
            errors[nameof(AccountInput.Email)] = [$"Another user already has the email {email}."];
        }

        if (input.Role is null || !Roles.All.Contains(input.Role))
        {
            errors[nameof(AccountInput.Role)] = [$"The role must be one of {string.Join(", ", Roles.All)}."];
        }

        if (errors.Count > 0)
        {
            return Change<AppUser>.Invalid(errors);
        }

        var roles = await users.GetRolesAsync(user);
        if (roles.Contains(Roles.Admin) && input.Role != Roles.Admin && RefusedForAdmin(user, actorId, "take the admin role from") is { } refusal)
        {
            return refusal;
        }

        user.DisplayName = name;
        if (!string.Equals(user.Email, email, StringComparison.OrdinalIgnoreCase))
        {
            await users.SetEmailAsync(user, email);
            await users.SetUserNameAsync(user, email);
            user.EmailConfirmed = true;
        }

        await users.UpdateAsync(user);
        if (!roles.SequenceEqual([input.Role!]))
        {
            await users.RemoveFromRolesAsync(user, roles);
            await users.AddToRoleAsync(user, input.Role!);
            // A new role applies from the next page on, not after the session's next periodic check.
            await users.UpdateSecurityStampAsync(user);
        }

        logger.LogInformation("Account of user {UserId} changed by {ActorId}: {Role}", id, actorId, input.Role);
        return Change<AppUser>.Done(user);
    }

    /// <summary>Sets a new password (the password rules apply), unlocks, and signs the user out everywhere.</summary>
    public async Task<Change<AppUser>> ResetPasswordAsync(string id, string? password, CancellationToken ct)
    {
        if (await users.FindByIdAsync(id) is not { } user)
        {
            return Change<AppUser>.NotFound("user");
        }

        // Checked before the old password goes, so a rejected one leaves the account as it was.
        var problems = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            problems.AddRange((await validator.ValidateAsync(users, user, password ?? "")).Errors.Select(e => e.Description));
        }

        if (problems.Count > 0)
        {
            return Change<AppUser>.Invalid("Password", string.Join(" ", problems));
        }

        await users.RemovePasswordAsync(user);
        await users.AddPasswordAsync(user, password!);

        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await failures.ClearAsync(id, ct);
        logger.LogInformation("Password of user {UserId} reset by an admin", id);
        return Change<AppUser>.Done(user);
    }

    public async Task<Change<AppUser>> UnlockAsync(string id, CancellationToken ct)
    {
        if (await users.FindByIdAsync(id) is not { } user)
        {
            return Change<AppUser>.NotFound("user");
        }

        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await failures.ClearAsync(id, ct);
        logger.LogInformation("User {UserId} unlocked", id);
        return Change<AppUser>.Done(user);
    }

    /// <summary>A deactivated user cannot sign in, and their sessions and refresh tokens end at once.</summary>
    public async Task<Change<AppUser>> SetDeactivatedAsync(string id, bool deactivated, string actorId, CancellationToken ct)
    {
        if (await users.FindByIdAsync(id) is not { } user)
        {
            return Change<AppUser>.NotFound("user");
        }

        if (deactivated && await users.IsInRoleAsync(user, Roles.Admin) && RefusedForAdmin(user, actorId, "deactivate") is { } refusal)
        {
            return refusal;
        }

        user.Deactivated = deactivated;
        await users.UpdateAsync(user);
        await users.UpdateSecurityStampAsync(user);
        logger.LogInformation("User {UserId} {State} by {ActorId}", id, deactivated ? "deactivated" : "reactivated", actorId);
        return Change<AppUser>.Done(user);
    }

    /// <summary>Someone must always be able to administer the app: the acting admin is one, so only their own account is protected.</summary>
    private static Change<AppUser>? RefusedForAdmin(AppUser admin, string actorId, string what) =>
        admin.Id == actorId ? Change<AppUser>.Refused($"You cannot {what} yourself; ask another admin.") : null;
}
