using MailRouting.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MailRouting.Web.Pages.Account;

/// <summary>Signing out ends the user's sessions: a new security stamp makes every earlier cookie and refresh token invalid.</summary>
public sealed class LogoutModel(SignInManager<AppUser> signIn, UserManager<AppUser> users) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
        return RedirectToPage("/Account/Login");
    }
}
