using System.Security.Claims;
using MailRouting.OAuth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MailRouting.Web.Pages.OAuth;

/// <summary>
/// Where the provider sends the mailbox's owner back. It may be opened without being signed in here (a connection started
/// through the API); a browser signed in as someone else than who started it is refused.
/// </summary>
[AllowAnonymous]
public sealed class CallbackModel(MailboxConnections connections) : PageModel
{
    public ConnectOutcome Outcome { get; private set; } = new(false, "", "/");

    public async Task OnGetAsync(string? code, string? state, string? error, [FromQuery(Name = "error_description")] string? errorDescription, CancellationToken ct)
    {
        var signedIn = User.Identity?.IsAuthenticated == true ? User.FindFirstValue(ClaimTypes.NameIdentifier) : null;
        Outcome = await connections.CompleteAsync(code, state, error, errorDescription, signedIn, ct);
        if (!Url.IsLocalUrl(Outcome.ReturnUrl))
        {
            Outcome = Outcome with { ReturnUrl = "/" };
        }
    }
}
