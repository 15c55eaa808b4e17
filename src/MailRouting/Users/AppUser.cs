using Microsoft.AspNetCore.Identity;

namespace MailRouting.Users;

public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
}

public static class Roles
{
    public const string Admin = "Admin";
    public const string Agent = "Agent";
    public const string Support = "Support";

    public static readonly IReadOnlyList<string> All = [Admin, Agent, Support];
}
