using System.Security.Claims;
using MailRouting.Users;
using MailRouting.Web.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MailRouting.Web.Pages.Users;

/// <summary>An admin looks after a person's account: name, email and role, a new password, unlocking, deactivating.</summary>
public sealed class AccountModel(UserQueries users, UserAccounts accounts, ContactDetails contacts) : PageModel
{
    public sealed class InputModel
    {
        public string? DisplayName { get; set; }
        public string? Email { get; set; }
        public string? Role { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty]
    public string? NewPassword { get; set; }

    public UserSummary Person { get; private set; } = null!;

    [BindProperty]
    public ContactForm? Contact { get; set; }

    private string Me => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public bool IsMe => Person.Id == Me;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (await users.FindAsync(id, ct) is not { } person)
        {
            return NotFound();
        }

        Person = person;
        Input = new InputModel { DisplayName = person.DisplayName, Email = person.Email, Role = person.Role };
        Contact = ContactForm.From((await contacts.GetAsync(id, ct))!);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken ct) =>
        await ShowAsync(id, await accounts.UpdateAsync(id, new AccountInput(Input.DisplayName, Input.Email, Input.Role), Me, ct), nameof(Input),
            user => $"Account of {user.Email} saved.", ct);

    public async Task<IActionResult> OnPostPasswordAsync(string id, CancellationToken ct) =>
        await ShowAsync(id, await accounts.ResetPasswordAsync(id, NewPassword, ct), null,
            user => $"{user.Email} has a new password and is signed out everywhere; tell them the password in person or by phone, not by email.", ct);

    public async Task<IActionResult> OnPostUnlockAsync(string id, CancellationToken ct) =>
        await ShowAsync(id, await accounts.UnlockAsync(id, ct), null, user => $"{user.Email} can sign in again.", ct);

    public async Task<IActionResult> OnPostDeactivateAsync(string id, CancellationToken ct) =>
        await ShowAsync(id, await accounts.SetDeactivatedAsync(id, true, Me, ct), null,
            user => $"{user.Email} is deactivated: they cannot sign in, and their sessions and API tokens have ended.", ct);

    public async Task<IActionResult> OnPostReactivateAsync(string id, CancellationToken ct) =>
        await ShowAsync(id, await accounts.SetDeactivatedAsync(id, false, Me, ct), null, user => $"{user.Email} can sign in again.", ct);

    public async Task<IActionResult> OnPostContactAsync(string id, CancellationToken ct)
    {
        var change = await contacts.SaveAsync(id, (Contact ?? new ContactForm()).ToInput(), ct);
        switch (change.Outcome)
        {
            case ChangeOutcome.Done:
                TempData.Success("The numbers are saved; signatures show them.");
                return RedirectToPage(new { id });
            case ChangeOutcome.NotFound:
                return NotFound();
        }

        ModelState.AddChangeErrors(change.Errors, field => ChangeErrors.Under(nameof(Contact), field));

        Person = (await users.FindAsync(id, ct))!;
        Input = new InputModel { DisplayName = Person.DisplayName, Email = Person.Email, Role = Person.Role };
        return Page();
    }

    /// <summary>Done: back to the page with the result. Invalid: the same page with the fields' messages. Refused: the reason.</summary>
    /// <param name="prefix">The model prefix of the form's fields; null for the password field.</param>
    private async Task<IActionResult> ShowAsync(string id, Change<AppUser> change, string? prefix, Func<AppUser, string> success, CancellationToken ct)
    {
        switch (change.Outcome)
        {
            case ChangeOutcome.Done:
                TempData.Success(success(change.Value!));
                return RedirectToPage(new { id });
            case ChangeOutcome.NotFound:
                return NotFound();
            case ChangeOutcome.Invalid:
                ModelState.AddChangeErrors(change.Errors, field => prefix is null ? nameof(NewPassword) : $"{prefix}.{field}");

                break;
            default:
                ModelState.AddModelError("", change.Message!);
                break;
        }

        Person = (await users.FindAsync(id, ct))!;
        Contact ??= ContactForm.From((await contacts.GetAsync(id, ct))!);
        return Page();
    }
}
