using MailRouting.Data;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Users;

/// <summary>Finds users by the email addresses an admin typed, whatever their case (Identity keeps each upper-cased in NormalizedEmail).</summary>
public static class UsersByEmail
{
    public static string Normalize(string email) => email.Trim().ToUpperInvariant();

    /// <summary>The id of each typed address that is a user, keyed by its normalized form; addresses that are not users are missing.</summary>
    public static async Task<Dictionary<string, string>> UserIdsByEmailAsync(this MailRoutingDbContext db, IEnumerable<string> emails, CancellationToken ct)
    {
        var wanted = emails.Select(Normalize).Distinct().ToList();
        return wanted.Count == 0 ? [] : await db.Users.Where(u => wanted.Contains(u.NormalizedEmail!)).ToDictionaryAsync(u => u.NormalizedEmail!, u => u.Id, ct);
    }

    /// <summary>The typed addresses that are not users, as typed.</summary>
    public static async Task<List<string>> NotUsersAsync(this MailRoutingDbContext db, IReadOnlyCollection<string> emails, CancellationToken ct)
    {
        var found = await db.UserIdsByEmailAsync(emails, ct);
        return [.. emails.Where(e => !found.ContainsKey(Normalize(e))).Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>The typed addresses of Support users, as typed: Support reads and never sends, so it gets no right to send.</summary>
    public static async Task<List<string>> SupportUsersAsync(this MailRoutingDbContext db, IReadOnlyCollection<string> emails, CancellationToken ct)
    {
        var wanted = emails.Select(Normalize).Distinct().ToList();
        var support = wanted.Count == 0 ? [] : await db.Users
            .Where(u => wanted.Contains(u.NormalizedEmail!)
                && db.UserRoles.Any(r => r.UserId == u.Id && db.Roles.Any(role => role.Id == r.RoleId && role.Name == Roles.Support)))
            .Select(u => u.NormalizedEmail!).ToListAsync(ct);
        return [.. emails.Where(e => support.Contains(Normalize(e))).Distinct(StringComparer.OrdinalIgnoreCase)];
    }
}
