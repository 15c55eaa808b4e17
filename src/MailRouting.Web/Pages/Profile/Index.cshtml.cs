using System.Security.Claims;
using MailRouting.Delivery;
using MailRouting.Resolution;
using MailRouting.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MailRouting.Web.Pages.Profile;

/// <summary>The signed-in user's own mail settings; the user id always comes from the sign-in, never from the form.</summary>
public sealed class IndexModel(UserQueries users, UserMailService service, SenderResolution resolution, SenderTester tester) : PageModel
{
    public UserSummary Me { get; private set; } = null!;

    public ResolvedSender Resolved { get; private set; } = null!;

    public SenderTestResult? Test { get; private set; }

    [BindProperty]
    public string? SmtpUsername { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? Recipient { get; set; }

    private string MyId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        SmtpUsername = Me.SmtpUsername;
    }

    public async Task<IActionResult> OnPostPasswordAsync(CancellationToken ct)
    {
        var change = await service.SetOwnPasswordAsync(MyId, SmtpUsername ?? "", Password, ct);
        if (change.Outcome != ChangeOutcome.Done)
        {
            ModelState.AddModelError(nameof(Password), change.Errors?.Values.First()[0] ?? change.Message!);
            await LoadAsync(ct);
            return Page();
        }

        TempData.Success("Your email password is saved.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostClearAsync(CancellationToken ct)
    {
        await service.ClearPasswordAsync(MyId, ct);
        TempData.Success("Your email password is cleared.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostTestAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Recipient = Recipient?.Trim();
        if (ModelState.IsAcceptable(nameof(Recipient), Recipient))
        {
            Test = await tester.TestAsync(Resolved, Recipient, ct);
        }

        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Me = (await users.FindAsync(MyId, ct))!;
        Resolved = (await resolution.ForUserAsync(MyId, ct, new Actor(MyId, User.IsInRole(Roles.Admin))))!;
    }
}
