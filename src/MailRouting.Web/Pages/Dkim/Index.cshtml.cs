using MailRouting.Dkim;
using MailRouting.Users;
using MailRouting.Web.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MailRouting.Web.Pages.Dkim;

/// <summary>
/// DKIM keys per sender domain: the record to publish, whether DNS has it, and (admins) a new key, activation (a
/// rotation) and deletion. The private key is never shown.
/// </summary>
public sealed class IndexModel(DkimKeyService service, DkimRecordCheck check) : PageModel
{
    public IReadOnlyList<DkimKeySummary> Keys { get; private set; } = [];

    [BindProperty]
    public DkimKeyInput Input { get; set; } = new();

    public bool CanEdit => User.IsInRole(Roles.Admin);

    /// <summary>What activating a key asks first when its record is not in DNS yet; null when nothing to ask.</summary>
    public static string? ActivationWarning(DkimKeySummary key) => key.IsActive || key.Dns == DkimRecordState.Published
        ? null
        : "Its record is not in DNS yet: receivers will fail every signature until it is. Activate anyway?";

    public static string DeletionWarning(DkimKeySummary key) =>
        $"Delete the key {key.Selector} of {key.Domain} for good? Mail it signed and still on its way will fail DKIM.";

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        var change = await service.CreateAsync(Input, ct);
        if (change.Value is { } key)
        {
            TempData.Success($"The key {key.Selector} for {key.Domain} is made. Publish its record, then activate it.");
            return RedirectToPage();
        }

        ModelState.AddChangeErrors(change.Errors);
        await LoadAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostActivateAsync(int id, CancellationToken ct) =>
        ChangedAsync(service.ActivateAsync(id, ct),
            key => $"The key {key.Selector} now signs the mail of {key.Domain}.");

    public Task<IActionResult> OnPostDeactivateAsync(int id, CancellationToken ct) =>
        ChangedAsync(service.DeactivateAsync(id, ct),
            key => $"The key {key.Selector} of {key.Domain} no longer signs.");

    public Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct) =>
        ChangedAsync(service.DeleteAsync(id, ct), key => $"The key {key.Selector} of {key.Domain} is deleted.");

    private async Task<IActionResult> ChangedAsync(Task<Change<DkimKeySummary>> change,
        Func<DkimKeySummary, string> done)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        TempData.Report(await change, done);
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Keys = await check.WithStatesAsync(await service.ListAsync(ct), ct);
}
