using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;

namespace MailRouting.Users;

/// <summary>Creates the three roles and, when no admin exists yet, the first admin.</summary>
public sealed class AdminSeeder(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IConfiguration configuration)
{
    public const string EmailVariable = "MAILROUTING_ADMIN_EMAIL";
    public const string PasswordVariable = "MAILROUTING_ADMIN_PASSWORD";
    public const string DefaultEmail = "admin@localhost";

    public sealed record FirstAdmin(string Email, string? GeneratedPassword)
    {
        public override string ToString() => Email;
    }

    /// <returns>The admin created now, or null when one already existed.</returns>
    public async Task<FirstAdmin?> SeedAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");
            }
        }

        if ((await users.GetUsersInRoleAsync(Roles.Admin)).Count > 0)
        {
            return null;
        }

        var email = configuration[EmailVariable] is { Length: > 0 } configured ? configured : DefaultEmail;
        var given = configuration[PasswordVariable];
        var password = string.IsNullOrEmpty(given) ? GeneratePassword() : given;
        var admin = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Administrator" };
        Check(await users.CreateAsync(admin, password), $"create the first admin {email} (check {PasswordVariable})");
        Check(await users.AddToRoleAsync(admin, Roles.Admin), $"make {email} an admin");
        return new FirstAdmin(email, string.IsNullOrEmpty(given) ? password : null);
    }

    private static string GeneratePassword()
    {
        const string letters = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var chars = RandomNumberGenerator.GetItems<char>(letters, 18);
        // Identity's default policy wants a digit, both cases and a symbol; the fixed tail guarantees them.
        return new string(chars) + "-7aA";
    }

    private static void Check(IdentityResult result, string action)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {action}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
