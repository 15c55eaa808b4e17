namespace MailRouting.Users;

/// <summary>What an admin changes about a user's account: name, email (also the sign-in name) and role.</summary>
public sealed record AccountInput(string? DisplayName, string? Email, string? Role);
