using System.Globalization;
using MailRouting.Bounces;
using MailRouting.Users;
using MailRouting.Web.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MailRouting.Web.Pages.Suppressions;

/// <summary>
/// The addresses mail is not sent to because they bounced, with why and since when; admins remove an entry, saying why.
/// </summary>
public sealed class IndexModel(SuppressionList list) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Address { get; set; }

    [BindProperty(SupportsGet = true)]
    public SuppressionReason? Reason { get; set; }

    /// <summary>"removed", "all", or empty for the entries in force.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Show { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public PagedList<SuppressionView> Entries { get; private set; } = new([], 0, 1, SuppressionList.PageSize);

    public bool CanRemove => User.IsInRole(Roles.Admin);

    public bool Filtered => Address is not null || Reason is not null || Show is not null;

    /// <summary>The entry whose removal was refused for its reason, so its form shows the error.</summary>
    public int? RefusedId { get; private set; }

    /// <summary>Why the removal of this entry was refused; empty for every other entry.</summary>
    public string ErrorFor(int id) => RefusedId == id
        ? ModelState[$"reason-{id}"]?.Errors.FirstOrDefault()?.ErrorMessage ?? ""
        : "";

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostRemoveAsync(int id, string? reason, CancellationToken ct)
    {
        if (!CanRemove)
        {
            return Forbid();
        }

        var change = await list.RemoveAsync(id, reason, User.Identity?.Name ?? "unknown", ct);
        if (change.Outcome == ChangeOutcome.Invalid)
        {
            RefusedId = id;
            ModelState.AddModelError($"reason-{id}", change.Errors!["reason"][0]);
            await LoadAsync(ct);
            return Page();
        }

        TempData.Report(change, entry => $"Mail may go to {entry.Address} again.");
        return RedirectToPage(new { Address, Reason, Show });
    }

    /// <summary>The query string for another page, keeping the filters.</summary>
    public string Link(int page) => QueryString.Create(new Dictionary<string, string?>
    {
        ["address"] = Address,
        ["reason"] = Reason?.ToString(),
        ["show"] = Show,
        ["p"] = page.ToString(CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value))).ToString();

    private async Task LoadAsync(CancellationToken ct)
    {
        bool? removed = Show switch { "removed" => true, "all" => null, _ => false };
        Entries = await list.ListAsync(new SuppressionFilter(Address, Reason, removed, PageNumber), ct);
    }
}
