using System.Text.RegularExpressions;
using MailRouting.Data;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Users;

/// <summary>The numbers a signature shows for its sender ({phone}, {mobile}, {fax}); empty clears one.</summary>
public sealed record ContactInput(string? Phone, string? Mobile, string? Fax);

/// <summary>Keeps users' phone, mobile and fax numbers: admins for anyone, each user for themselves.</summary>
public sealed partial class ContactDetails(MailRoutingDbContext db)
{
    public async Task<ContactInput?> GetAsync(string userId, CancellationToken ct) =>
        await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new ContactInput(u.PhoneNumber, u.Mobile, u.Fax)).SingleOrDefaultAsync(ct);

    public async Task<Change<ContactInput>> SaveAsync(string userId, ContactInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (field, value) in new[] { ("phone", input.Phone), ("mobile", input.Mobile), ("fax", input.Fax) })
        {
            if (!string.IsNullOrWhiteSpace(value) && (value.Trim().Length > 50 || !Number().IsMatch(value.Trim())))
            {
                errors[field] = ["Enter a number of at most 50 characters: digits, spaces and + ( ) - . / only."];
            }
        }

        if (errors.Count > 0)
        {
            return Change<ContactInput>.Invalid(errors);
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
        {
            return Change<ContactInput>.NotFound("user");
        }

        (user.PhoneNumber, user.Mobile, user.Fax) = (Clean(input.Phone), Clean(input.Mobile), Clean(input.Fax));
        await db.SaveChangesAsync(ct);
        return Change<ContactInput>.Done(new ContactInput(user.PhoneNumber, user.Mobile, user.Fax));
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex(@"^[0-9+()./\- ]+$")]
    private static partial Regex Number();
}
