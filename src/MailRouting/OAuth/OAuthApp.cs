namespace MailRouting.OAuth;

public enum OAuthProvider
{
    Microsoft365,
    Google,

    /// <summary>Any OAuth2 / OpenID Connect provider: an issuer to discover, or explicit endpoints.</summary>
    Other,
}

/// <summary>An app registered at a provider once by an admin; every OAuth2 login of a server, channel or user uses one.</summary>
public sealed class OAuthApp
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public OAuthProvider Provider { get; set; }

    /// <summary>Microsoft 365: the tenant id or domain, or "organizations" for any work account.</summary>
    public string? Tenant { get; set; }

    public required string ClientId { get; set; }

    /// <summary>Protected with Data Protection like every password; never shown.</summary>
    public string? ProtectedClientSecret { get; set; }

    /// <summary>
    /// When the provider stops accepting the secret, as the admin entered it (Entra ID secrets last 24 months at most).
    /// </summary>
    public DateOnly? ClientSecretExpiresOn { get; set; }

    /// <summary>
    /// How many days the provider keeps a connection after consent, used or not (Google ends them after 7 days while
    /// the app's publishing status is Testing); null: until it is left unused for long.
    /// </summary>
    public int? ConnectionLifetimeDays { get; set; }

    /// <summary>Other providers: the issuer whose /.well-known/openid-configuration names the endpoints.</summary>
    public string? Issuer { get; set; }

    public string? AuthorizationEndpoint { get; set; }
    public string? TokenEndpoint { get; set; }

    /// <summary>Other providers: space-separated scopes; the presets know their own.</summary>
    public string? Scopes { get; set; }
}
