using MailRouting.OAuth;
using MailRouting.Web.Forms;
using MailRouting.Web.Layout;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MailRouting.Web.Mailboxes;

/// <summary>Connect and Disconnect as the server, channel and Profile pages offer them; the provider's callback brings the person back.</summary>
public sealed class MailboxPageActions(ConnectLinks links, MailboxConnections connections)
{
    public async Task<IActionResult> ConnectAsync(PageModel page, (GrantTarget? Target, string? Refusal) found, CancellationToken ct)
    {
        var link = await links.StartAsync(found, page.Here(), page.HttpContext, ct);
        if (link.AuthorizationUrl is { } url)
        {
            return new RedirectResult(url.ToString());
        }

        page.TempData.Failure(link.Refusal!);
        return link.NotFound ? new NotFoundResult() : new RedirectResult(page.Here());
    }

    public async Task<IActionResult> DisconnectAsync(PageModel page, GrantKey key, CancellationToken ct)
    {
        if (await connections.DisconnectAsync(key, ct))
        {
            page.TempData.Success("The mailbox is disconnected: its tokens are removed, and nothing is sent with this login until it is connected again.");
        }

        return new RedirectResult(page.Here());
    }
}
