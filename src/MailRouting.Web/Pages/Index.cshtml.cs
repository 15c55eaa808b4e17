using MailRouting.OAuth;
using MailRouting.Overview;
using MailRouting.Sending;
using MailRouting.Users;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MailRouting.Web.Pages;

public sealed class IndexModel(DeliveryStatus status, MailboxConnectionQueries connections, ActionList actions) : PageModel
{
    public DeliveryOverview? Delivery { get; private set; }

    /// <summary>For admins and Support: what needs action, most urgent first.</summary>
    public IReadOnlyList<ActionItem> Actions { get; private set; } = [];

    /// <summary>For admins: mailboxes whose mail is held until someone reconnects them.</summary>
    public IReadOnlyList<MailboxToReconnect> ToReconnect { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (User.IsInRole(Roles.Admin) || User.IsInRole(Roles.Support))
        {
            Delivery = await status.OverviewAsync(ct);
            Actions = await actions.ItemsAsync(Delivery, ct);
        }

        if (User.IsInRole(Roles.Admin))
        {
            ToReconnect = await connections.NeedingReconnectAsync(ct);
        }
    }
}
