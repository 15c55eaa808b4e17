using System.Security.Claims;
using MailRouting.OAuth;

namespace MailRouting.Web;

/// <summary>Where connecting a mailbox starts, for a page's button and for the API alike.</summary>
/// <param name="NotFound">The server, channel or user does not exist.</param>
public sealed record ConnectLink(Uri? AuthorizationUrl, Uri RedirectUri, string? Refusal, bool NotFound = false);

/// <summary>Starts a connection for the signed-in person, with the callback registered at the providers.</summary>
public sealed class ConnectLinks(MailboxConnections connections, OAuthOptions options)
{
    public async Task<ConnectLink> StartAsync((GrantTarget? Target, string? Refusal) found, string returnUrl, HttpContext http, CancellationToken ct)
    {
        var redirect = CallbackFor(http.Request);
        if (found.Target is not { } target)
        {
            return new ConnectLink(null, redirect, found.Refusal, found.Refusal!.EndsWith("does not exist.", StringComparison.Ordinal));
        }

        var (url, refusal) = await connections.StartAsync(target, http.User.FindFirstValue(ClaimTypes.NameIdentifier)!, returnUrl, redirect, ct);
        return new ConnectLink(url, redirect, refusal);
    }

    /// <summary>OAuth:RedirectUri, or this app's own address + /oauth/callback: what admins register at the provider.</summary>
    public Uri CallbackFor(HttpRequest request) =>
        options.RedirectUri ?? new Uri($"{request.Scheme}://{request.Host}{request.PathBase}{OAuthOptions.CallbackPath}");
}
