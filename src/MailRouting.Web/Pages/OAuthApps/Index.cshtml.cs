using MailRouting.OAuth;
using MailRouting.Web.Mailboxes;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MailRouting.Web.Pages.OAuthApps;

public sealed class IndexModel(OAuthAppService apps, ConnectLinks links) : PageModel
{
    public IReadOnlyList<OAuthAppSummary> Apps { get; private set; } = [];

    /// <summary>The redirect URI every app must register at its provider.</summary>
    public Uri? RedirectUri { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Apps = await apps.ListAsync(ct);
        RedirectUri = links.Callback;
    }
}
