using System.Globalization;
using MailRouting.Outbox;
using MailRouting.Outbox.Status;
using MailRouting.Resolution;
using MailRouting.Users;
using MailRouting.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MailRouting.Web.Pages.Messages;

/// <summary>Messages with a pager, a search over recipients and subjects, and filters; the address keeps them, so a list can be linked to.</summary>
public sealed class IndexModel(MessageQueries queries, SenderResolution resolution) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public MessageStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Channel { get; set; }

    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserEmail { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? ServerId { get; set; }

    /// <summary>First day shown (UTC), inclusive.</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    /// <summary>Last day shown (UTC), inclusive.</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public PagedList<MessageView> Messages { get; private set; } = new([], 0, 1, MessageQueries.PageSize);

    public IReadOnlyList<RoutingServer> Servers { get; private set; } = [];

    /// <summary>Admins and Support see everyone's messages, so they filter by channel, user and server.</summary>
    public bool SeesAll => User.IsInRole(Roles.Admin) || User.IsInRole(Roles.Support);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Servers = SeesAll ? await resolution.ServersAsync(ct) : [];
        var filter = new MessageFilter(Status, SeesAll && !string.IsNullOrWhiteSpace(Channel) ? await queries.ChannelIdOfAsync(Channel, ct) : null,
            SeesAll && !string.IsNullOrWhiteSpace(UserEmail) ? await queries.UserIdOfAsync(UserEmail, ct) : null, SeesAll ? ServerId : null, PageNumber, Search,
            From?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), To?.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        Messages = await queries.ListAsync(filter, MessageEndpoints.ActorOf(User), ct);
    }

    /// <summary>The query string for another page, keeping the filters.</summary>
    public string Link(int page) => QueryString.Create(new Dictionary<string, string?>
    {
        ["status"] = Status?.ToString(),
        ["search"] = Search,
        ["channel"] = Channel,
        ["user"] = UserEmail,
        ["serverId"] = ServerId?.ToString(CultureInfo.InvariantCulture),
        ["from"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["to"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["p"] = page.ToString(CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value))).ToString();
}
