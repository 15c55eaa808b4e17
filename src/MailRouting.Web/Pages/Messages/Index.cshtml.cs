using MailRouting.Sending;
using MailRouting.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MailRouting.Web.Pages.Messages;

public sealed class IndexModel(MessageQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public MessageStatus? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public PagedList<MessageView> Messages { get; private set; } = new([], 0, 1, MessageQueries.PageSize);

    public async Task OnGetAsync(CancellationToken ct) =>
        Messages = await queries.ListAsync(new MessageFilter(Status, Page: PageNumber), MessageEndpoints.ActorOf(User), ct);
}
