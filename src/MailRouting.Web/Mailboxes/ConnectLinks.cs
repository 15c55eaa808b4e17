using System.Security.Claims;
using MailRouting.OAuth;

namespace MailRouting.Web.Mailboxes;

/// <summary>Where connecting a mailbox starts, for a page's button and for the API alike.</summary>
/// <param name="NotFound">The server, channel or user does not exist.</param>
public sealed record ConnectLink(Uri? AuthorizationUrl, Uri? RedirectUri, string? Refusal, bool NotFound = false);

/// <summary>Starts a connection for the signed-in person, with the callback registered at the providers.</summary>
public sealed class ConnectLinks(MailboxConnections connections, OAuthOptions options)
{
    /// <summary>Why no connection can start while the app does not know its own public address.</summary>
    public const string NoPublicUrl = "Connecting a mailbox needs this app's public address, for the provider to send the browser back to: " +
        "set PublicUrl (for example https://mail.acme.test), or OAuth:RedirectUri, and restart the app.";

    public async Task<ConnectLink> StartAsync((GrantTarget? Target, string? Refusal) found, string returnUrl, HttpContext http, CancellationToken ct)
    {
        var redirect = options.RedirectUri;
        if (found.Target is not { } target)
        {
            return new ConnectLink(null, redirect, found.Refusal, found.Refusal!.EndsWith("does not exist.", StringComparison.Ordinal));
        }

        if (redirect is null)
        {
            return new ConnectLink(null, null, NoPublicUrl);
        }

        var (url, refusal) = await connections.StartAsync(target, http.User.FindFirstValue(ClaimTypes.NameIdentifier)!, returnUrl, redirect, ct);
        return new ConnectLink(url, redirect, refusal);
    }

    /// <summary>What admins register at the provider; null until PublicUrl (or OAuth:RedirectUri) is set.</summary>
    public Uri? Callback => options.RedirectUri;
}
