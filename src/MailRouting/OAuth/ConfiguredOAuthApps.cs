using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace MailRouting.OAuth;

/// <summary>
/// OAuth apps kept in configuration (OAuth:Apps:{name}:Provider, ClientId, ClientSecret, Tenant, Issuer,
/// AuthorizationEndpoint, TokenEndpoint, Scopes, ClientSecretExpiresOn as yyyy-MM-dd), for sites that deploy secrets
/// through their environment. They are read-only on the pages and the API.
/// </summary>
public sealed class ConfiguredOAuthApps(IReadOnlyList<OAuthAppInput> apps)
{
    public const string Section = "OAuth:Apps";

    public IReadOnlyList<OAuthAppInput> Apps => apps;

    public bool Contains(string name) => apps.Any(a => string.Equals(a.Name, name, StringComparison.Ordinal));

    /// <exception cref="OptionsValidationException">A provider is not one MailRouting knows.</exception>
    public static ConfiguredOAuthApps From(IConfiguration configuration)
    {
        var failures = new List<string>();
        var apps = new List<OAuthAppInput>();
        foreach (var app in configuration.GetSection(Section).GetChildren())
        {
            if (!Enum.TryParse<OAuthProvider>(app["Provider"], ignoreCase: true, out var provider) || !Enum.IsDefined(provider))
            {
                failures.Add($"{Section}:{app.Key}:Provider is '{app["Provider"]}'; it must be Microsoft365, Google or Other.");
                continue;
            }

            apps.Add(new OAuthAppInput
            {
                Name = app.Key, Provider = provider, Tenant = app["Tenant"], ClientId = app["ClientId"] ?? "", ClientSecret = app["ClientSecret"],
                Issuer = app["Issuer"], AuthorizationEndpoint = app["AuthorizationEndpoint"], TokenEndpoint = app["TokenEndpoint"], Scopes = app["Scopes"],
                ClientSecretExpiresOn = DateOnly.TryParse(app["ClientSecretExpiresOn"],
                    System.Globalization.CultureInfo.InvariantCulture,
                    out var expires) ? expires : null,
                ConnectionLifetimeDays = int.TryParse(app["ConnectionLifetimeDays"],
                    System.Globalization.CultureInfo.InvariantCulture, out var days) ? days : null,
            });
        }

        return failures.Count == 0 ? new ConfiguredOAuthApps(apps) : throw new OptionsValidationException(Section, typeof(ConfiguredOAuthApps), failures);
    }
}
