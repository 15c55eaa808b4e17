using System.Text.Json.Serialization;

namespace MailRouting.OAuth;

/// <summary>What an admin submits to register or change an OAuth app, from the page or the API.</summary>
public sealed class OAuthAppInput
{
    [JsonIgnore]
    public int? Id { get; set; }

    public string Name { get; set => field = value ?? ""; } = "";
    public OAuthProvider Provider { get; set; } = OAuthProvider.Microsoft365;

    /// <summary>Microsoft 365: tenant id or domain; empty means "organizations" (any work account).</summary>
    public string? Tenant { get; set; }

    public string ClientId { get; set => field = value ?? ""; } = "";

    /// <summary>Write-only. Empty keeps the stored secret.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>
    /// When the client secret expires at the provider, so MailRouting warns before it does; empty: not known.
    /// </summary>
    public DateOnly? ClientSecretExpiresOn { get; set; }

    /// <summary>
    /// Days a connection lasts after consent whatever its use (Google, Testing status: 7); empty: no limit.
    /// </summary>
    public int? ConnectionLifetimeDays { get; set; }

    public string? Issuer { get; set; }
    public string? AuthorizationEndpoint { get; set; }
    public string? TokenEndpoint { get; set; }
    public string? Scopes { get; set; }
}
