using MailRouting.Sending;
using MailRouting.Users;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MailRouting.Web.Pages;

public sealed class IndexModel(DeliveryStatus status) : PageModel
{
    public DeliveryOverview? Delivery { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (User.IsInRole(Roles.Admin) || User.IsInRole(Roles.Support))
        {
            Delivery = await status.OverviewAsync(ct);
        }
    }
}
