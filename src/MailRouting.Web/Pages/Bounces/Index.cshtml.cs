using System.Globalization;
using MailRouting.Bounces;
using MailRouting.Bounces.Parsing;
using MailRouting.Bounces.Reading;
using MailRouting.Users;
using MailRouting.Web.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MailRouting.Web.Pages.Bounces;

/// <summary>
/// The mailboxes bounces are read from and how reading them goes, and every bounce read: matched to its message, or
/// unmatched and kept for a person to look at.
/// </summary>
public sealed class IndexModel(BounceQueries queries, BounceSignal signal) : PageModel
{
    /// <summary>"matched", "unmatched", or empty for both.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Show { get; set; }

    [BindProperty(SupportsGet = true)]
    public BounceKind? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Recipient { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<BounceMailboxView> Mailboxes { get; private set; } = [];

    public PagedList<BounceView> Bounces { get; private set; } = new([], 0, 1, BounceQueries.PageSize);

    public bool CanCheck => User.IsInRole(Roles.Admin);

    public bool Filtered => Show is not null || Kind is not null || Recipient is not null;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Mailboxes = await queries.MailboxesAsync(ct);
        bool? matched = Show switch { "matched" => true, "unmatched" => false, _ => null };
        Bounces = await queries.ListAsync(new BounceFilter(matched, Kind, Recipient, PageNumber), ct);
    }

    public IActionResult OnPostCheck()
    {
        if (!CanCheck)
        {
            return Forbid();
        }

        signal.Notify();
        TempData.Success("Every bounce mailbox is being read now; reload in a few seconds to see what came in.");
        return RedirectToPage();
    }

    /// <summary>The query string for another page, keeping the filters.</summary>
    public string Link(int page) => QueryString.Create(new Dictionary<string, string?>
    {
        ["show"] = Show,
        ["kind"] = Kind?.ToString(),
        ["recipient"] = Recipient,
        ["p"] = page.ToString(CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value))).ToString();
}
