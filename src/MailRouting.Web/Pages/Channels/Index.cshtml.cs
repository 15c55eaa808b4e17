using MailRouting.Channels;
using MailRouting.Resolution;
using MailRouting.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MailRouting.Web.Pages.Channels;

public sealed class IndexModel(ChannelQueries channels, SenderResolution resolution) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? ServerId { get; set; }

    [BindProperty(SupportsGet = true)]
    public ChannelSort Sort { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Desc { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public PagedList<ChannelSummary> Channels { get; private set; } = new([], 0, 1, 50);

    public IReadOnlyList<RoutingServer> Servers { get; private set; } = [];

    public bool CanEdit => User.IsInRole(Roles.Admin);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Servers = await resolution.ServersAsync(ct);
        Channels = await channels.ListAsync(new ChannelListQuery(Search, ServerId, Sort, Desc, PageNumber), ct);
    }

    /// <summary>The query string for another sort or page, keeping the filters.</summary>
    public string Link(ChannelSort? sort = null, int? page = null)
    {
        var newSort = sort ?? Sort;
        var desc = sort is null ? Desc : sort == Sort && !Desc;
        return QueryString.Create(new Dictionary<string, string?>
        {
            ["search"] = Search,
            ["serverId"] = ServerId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["sort"] = newSort.ToString(),
            ["desc"] = desc ? "true" : null,
            ["p"] = (page ?? 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
        }.Where(p => p.Value is not null)).ToString();
    }

    public string AriaSort(ChannelSort column) => column != Sort ? "none" : Desc ? "descending" : "ascending";
}
