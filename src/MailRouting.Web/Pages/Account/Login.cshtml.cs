using MailRouting.Users;
using MailRouting.Web.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MailRouting.Web.Pages.Account;

public sealed class LoginModel(SignInManager<AppUser> signIn, ILogger<LoginModel> logger) : PageModel
{
    public sealed class InputModel
    {
        public string Email { get; set; } = "";
        public string Password { get; set; } = "";
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Input.Email) || string.IsNullOrEmpty(Input.Password))
        {
            ModelState.AddModelError("", "Enter your email and password.");
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(Input.Email.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            logger.LogInformation("{Email} signed in", Input.Email.Trim());
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        ModelState.AddModelError("", SignInMessages.Failed);
        logger.LogWarning("Failed sign-in for {Email}", Input.Email.Trim());
        return Page();
    }
}
