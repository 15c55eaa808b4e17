namespace MailRouting.OAuth;

/// <summary>An OAuth app as pages and the API show it: everything but the client secret.</summary>
public sealed record OAuthAppSummary(int Id, string Name, OAuthProvider Provider, string? Tenant, string ClientId, bool HasClientSecret,
    string? Issuer, string? AuthorizationEndpoint, string? TokenEndpoint, string? Scopes, int UsedByServers,
        bool FromConfiguration = false,
    DateOnly? ClientSecretExpiresOn = null,
    int? ConnectionLifetimeDays = null);
