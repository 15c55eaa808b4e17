using System.Security.Claims;
using MailRouting.OAuth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MailRouting.Web.Pages.OAuth;

/// <summary>
/// Where the provider sends the mailbox's owner back. Only the person who started the connection completes it: a browser
/// that is not signed in here (a connection started through the API) signs in first and comes back.
/// </summary>
public sealed class CallbackModel(MailboxConnections connections) : PageModel
{
    public ConnectOutcome Outcome { get; private set; } = new(false, "", "/");

    public async Task OnGetAsync(string? code, string? state, string? error, [FromQuery(Name = "error_description")] string? errorDescription, CancellationToken ct)
    {
        Outcome = await connections.CompleteAsync(code, state, error, errorDescription, User.FindFirstValue(ClaimTypes.NameIdentifier)!, ct);
        if (!Url.IsLocalUrl(Outcome.ReturnUrl))
        {
            Outcome = Outcome with { ReturnUrl = "/" };
        }
    }
}
