using MailRouting.OAuth;

namespace MailRouting.Web;

/// <summary>The callback address registered at the providers: OAuth:RedirectUri, or this app's own address + /oauth/callback.</summary>
public static class OAuthCallback
{
    public static Uri UriFor(HttpRequest request, OAuthOptions options) =>
        options.RedirectUri ?? new Uri($"{request.Scheme}://{request.Host}{request.PathBase}{OAuthOptions.CallbackPath}");
}
