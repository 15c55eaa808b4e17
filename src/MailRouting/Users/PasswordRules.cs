using Microsoft.AspNetCore.Identity;

namespace MailRouting.Users;

/// <summary>The password rules Identity enforces, in one sentence for the hint beside a password field.</summary>
public static class PasswordRules
{
    public static string Describe(PasswordOptions options)
    {
        var needs = new List<string>();
        if (options.RequireUppercase)
        {
            needs.Add("an upper-case letter");
        }

        if (options.RequireLowercase)
        {
            needs.Add("a lower-case letter");
        }

        if (options.RequireDigit)
        {
            needs.Add("a digit");
        }

        if (options.RequireNonAlphanumeric)
        {
            needs.Add("a symbol such as ! or #");
        }

        var with = needs.Count switch
        {
            0 => "",
            1 => $", with {needs[0]}",
            _ => $", with {string.Join(", ", needs[..^1])} and {needs[^1]}",
        };
        return $"At least {options.RequiredLength} characters{with}.";
    }
}
