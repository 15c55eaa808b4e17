namespace MailRouting.OAuth;

/// <summary>Where and how to ask one provider for tokens: its endpoints, the scopes mail needs and any extra parameters.</summary>
public sealed record ProviderProfile(Uri AuthorizationEndpoint, Uri TokenEndpoint, Uri? RevocationEndpoint, string Scopes,
    IReadOnlyDictionary<string, string> AuthorizeParameters)
{
    public const string MicrosoftSmtpScope = "https://outlook.office.com/SMTP.Send";
    public const string MicrosoftImapScope = "https://outlook.office.com/IMAP.AccessAsUser.All";
    public const string MicrosoftGraphSendScope = "https://graph.microsoft.com/Mail.Send";
    public const string GoogleMailScope = "https://mail.google.com/";
    public const string GmailSendScope = "https://www.googleapis.com/auth/gmail.send";
    public const string DefaultOtherScopes = "openid email offline_access";

    /// <summary>
    /// The presets' endpoints; null for other providers, whose endpoints come from the app or its issuer's discovery.
    /// Microsoft is always asked for IMAP too: copy to Sent and incoming tests may use the same mailbox later, and a scope
    /// added afterwards would need every mailbox connected again.
    /// </summary>
    public static ProviderProfile? Preset(OAuthApp app) => app.Provider switch
    {
        OAuthProvider.Microsoft365 => new ProviderProfile(
            new Uri($"https://login.microsoftonline.com/{Uri.EscapeDataString(app.Tenant ?? "organizations")}/oauth2/v2.0/authorize"),
            new Uri($"https://login.microsoftonline.com/{Uri.EscapeDataString(app.Tenant ?? "organizations")}/oauth2/v2.0/token"),
            null, $"openid email offline_access {MicrosoftSmtpScope} {MicrosoftImapScope}", new Dictionary<string, string>()),
        // Google issues a refresh token only for offline access, and again only when consent is asked for again.
        OAuthProvider.Google => new ProviderProfile(
            new Uri("https://accounts.google.com/o/oauth2/v2/auth"), new Uri("https://oauth2.googleapis.com/token"),
            new Uri("https://oauth2.googleapis.com/revoke"), $"openid email {GoogleMailScope}",
            new Dictionary<string, string> { ["access_type"] = "offline", ["prompt"] = "consent" }),
        _ => null,
    };

    /// <summary>
    /// What to ask for when the mailbox sends through <paramref name="transport"/>: Microsoft issues a token for one
    /// resource, so a mailbox that sends through Graph asks for Graph's Mail.Send instead of Exchange's SMTP.Send; the
    /// Gmail API needs no more than gmail.send.
    /// </summary>
    public ProviderProfile For(OAuthApp app, Servers.ServerTransport transport) => (app.Provider, transport) switch
    {
        (OAuthProvider.Microsoft365, Servers.ServerTransport.MicrosoftGraph) =>
            this with { Scopes = $"openid email offline_access {MicrosoftGraphSendScope}" },
        (OAuthProvider.Google, Servers.ServerTransport.GmailApi) => this with { Scopes = $"openid email "
            + $"{GmailSendScope}" },
        _ => this,
    };
}
