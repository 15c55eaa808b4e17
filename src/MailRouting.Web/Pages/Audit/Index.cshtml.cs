using System.Globalization;
using MailRouting.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MailRouting.Web.Pages.Audit;

/// <summary>
/// Every change to the configuration, newest first, filtered by who, what and when. Read-only for everyone.
/// </summary>
public sealed class IndexModel(AuditQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public PagedList<AuditRecord> Entries { get; private set; } = new([], 0, 1, AuditQueries.PageSize);

    public bool Filtered => Actor is not null || Kind is not null || From is not null || To is not null;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var kind = AuditedEntities.Kinds.Contains(Kind) ? Kind : null;
        Entries = await queries.ListAsync(new AuditFilter(Actor, kind, From, To, PageNumber), ct);
    }

    /// <summary>The query string for another page, keeping the filters.</summary>
    public string Link(int page) => QueryString.Create(new Dictionary<string, string?>
    {
        ["actor"] = Actor,
        ["kind"] = Kind,
        ["from"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["to"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["p"] = page.ToString(CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value))).ToString();
}
