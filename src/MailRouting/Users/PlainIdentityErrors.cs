using Microsoft.AspNetCore.Identity;

namespace MailRouting.Users;

/// <summary>Identity's refusals in the words of the rest of the app: what to do, not which rule failed.</summary>
public sealed class PlainIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), $"Use at least {length} characters.");

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), "Add a digit (0-9).");

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), "Add a lower-case letter (a-z).");

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), "Add an upper-case letter (A-Z).");

    public override IdentityError PasswordRequiresNonAlphanumeric() =>
        Error(nameof(PasswordRequiresNonAlphanumeric), "Add a symbol, such as ! or #.");

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        Error(nameof(PasswordRequiresUniqueChars), $"Use at least {uniqueChars} different characters.");

    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), $"There is already a user with the address {email}.");

    public override IdentityError DuplicateUserName(string userName) =>
        Error(nameof(DuplicateUserName), $"There is already a user with the address {userName}.");

    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), "Enter the user's email address.");

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
