using MailRouting.Delivery;
using MailRouting.Servers;
using MailRouting.Users;
using MailRouting.Validation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MailRouting.Web.Pages.SmtpServers;

public sealed class DetailsModel(SmtpServerQueries queries, SmtpServerService service) : PageModel
{
    public SmtpServerSummary Server { get; private set; } = null!;

    public ConnectionTestReport? Report { get; private set; }

    [BindProperty]
    public string? Recipient { get; set; }

    public bool CanEdit => User.IsInRole(Roles.Admin);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    /// <summary>Shows the report right away instead of redirecting: it is a result to read, not a change to confirm.</summary>
    public async Task<IActionResult> OnPostTestAsync(int id, CancellationToken ct)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        Recipient = Recipient?.Trim();
        if (!string.IsNullOrEmpty(Recipient) && !EmailAddresses.IsValid(Recipient))
        {
            ModelState.AddModelError(nameof(Recipient), $"'{Recipient}' is not a valid email address.");
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }

        Report = await service.TestAsync(id, Recipient, ct);
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostPinAsync(int id, string fingerprint, CancellationToken ct)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        var change = await service.PinCertificateAsync(id, fingerprint, ct);
        if (change.Outcome == ChangeOutcome.Done)
        {
            TempData.Success($"The certificate {change.Value!.PinnedCertificateSha256} is now trusted for this server. Test again to confirm.");
        }
        else
        {
            TempData.Failure(change.Message ?? "The certificate could not be pinned.");
        }

        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        Server = (await queries.FindAsync(id, ct))!;
        return Server is not null;
    }
}
