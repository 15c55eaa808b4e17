using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace MailRouting.OAuth;

/// <summary>The OAuth:* settings, checked when the app starts.</summary>
/// <param name="RefreshBeforeExpiry">A cached access token is refreshed this long before it expires.</param>
/// <param name="RedirectUri">
/// The callback registered at the providers: OAuth:RedirectUri, else PublicUrl + /oauth/callback. Never taken from a
/// request's Host header, which the client chooses; null when neither is set, and then no connection starts.
/// </param>
public sealed record OAuthOptions(TimeSpan RefreshBeforeExpiry, Uri? RedirectUri)
{
    public const string CallbackPath = "/oauth/callback";

    /// <summary>How long someone has to finish signing in at the provider.</summary>
    public static readonly TimeSpan ConnectLifetime = TimeSpan.FromMinutes(15);

    /// <exception cref="OptionsValidationException">A setting is out of range or not an absolute http(s) address.</exception>
    public static OAuthOptions From(IConfiguration configuration)
    {
        var failures = new List<string>();
        var seconds = configuration.GetValue<double?>("OAuth:RefreshBeforeExpirySeconds") ?? 300;
        if (seconds is < 0 or > 3_600)
        {
            failures.Add($"OAuth:RefreshBeforeExpirySeconds is {seconds.ToString(CultureInfo.InvariantCulture)}; it must be between 0 and 3600.");
        }

        var redirect = Address(configuration, "OAuth:RedirectUri", failures);
        if (redirect is null && Address(configuration, "PublicUrl", failures) is { } publicUrl)
        {
            redirect = new Uri(publicUrl, publicUrl.AbsolutePath.TrimEnd('/') + CallbackPath);
        }

        return failures.Count == 0
            ? new OAuthOptions(TimeSpan.FromSeconds(seconds), redirect)
            : throw new OptionsValidationException("OAuth", typeof(OAuthOptions), failures);
    }

    private static Uri? Address(IConfiguration configuration, string key, List<string> failures)
    {
        if (configuration[key] is not { Length: > 0 } text)
        {
            return null;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var address) && address.Scheme is "https" or "http")
        {
            return address;
        }

        failures.Add($"{key} '{text}' is not an absolute http(s) address.");
        return null;
    }
}
