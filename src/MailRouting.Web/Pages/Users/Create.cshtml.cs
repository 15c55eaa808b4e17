using MailRouting.Users;
using MailRouting.Web.Forms;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace MailRouting.Web.Pages.Users;

public sealed class CreateModel(UserMailService service, IOptions<IdentityOptions> identity) : PageModel
{
    public string PasswordHint => PasswordRules.Describe(identity.Value.Password);

    public sealed class InputModel
    {
        public string Email { get; set; } = "";
        public string? DisplayName { get; set; }
        public string Role { get; set; } = MailRouting.Users.Roles.Agent;
        public string Password { get; set; } = "";
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var change = await service.CreateAsync(new NewUser(Input.Email, Input.DisplayName, Input.Role, Input.Password), ct);
        if (change.Value is { } user)
        {
            TempData.Success($"User {user.Email} created. Choose their outgoing mail server below.");
            return RedirectToPage("Edit", new { id = user.Id });
        }

        ModelState.AddChangeErrors(change.Errors);

        return Page();
    }
}
