using MailRouting.Servers;

namespace MailRouting.Resolution;

/// <summary>A server as the resolver needs it: no password, only whether one is stored (or, for OAuth2, a mailbox connected).</summary>
public sealed record RoutingServer(int Id, string Name, ServerKind Kind, string Host, int Port, SmtpAuthMethod AuthMethod,
    string? Username, bool HasPassword, string SenderAddress, IReadOnlyList<string> SendAs, bool IsDefault,
        bool IsConnected = false,
    int? OAuthAppId = null, ServerTransport Transport = ServerTransport.Smtp, int? FallbackServerId = null,
    bool SignsWithDkim = false, string? BounceAddress = null, bool Verp = false)
{
    public bool NeedsPassword => AuthMethod != SmtpAuthMethod.None;

    /// <summary>Signs in with a connected mailbox's OAuth2 token (delegated).</summary>
    public bool UsesOAuth => AuthMethod == SmtpAuthMethod.OAuth2;

    /// <summary>
    /// The OAuth app signs in with its own permission, as each mailbox it sends from; no mailbox is connected.
    /// </summary>
    public bool UsesAppPermission => AuthMethod == SmtpAuthMethod.OAuth2App;

    /// <summary>
    /// Whether its account can sign in: a stored password, for OAuth2 a connected mailbox, or the app itself.
    /// </summary>
    public bool CanSignIn => UsesAppPermission ? OAuthAppId is not null : UsesOAuth ? IsConnected : HasPassword;

    /// <summary>"Microsoft Graph at graph.microsoft.com" or "smtp.example.com:587", as steps name it.</summary>
    public string Where => Transport.IsHttpApi() ? $"{Transport.Describe()} at {Host}" : $"{Host}:{Port}";

    public static RoutingServer From(SmtpServer server, bool isConnected) => new(server.Id, server.Name, server.Kind, server.Host, server.Port,
        server.AuthMethod, server.Username, server.ProtectedPassword is not null, server.SenderAddress, server.SendAs, server.IsDefault, isConnected,
        server.OAuthAppId, server.Transport, server.FallbackServerId,
        server.SignWithDkim && server.Transport == ServerTransport.Smtp,
        // An HTTP mail API sets the envelope itself: its bounces come to the From mailbox.
        server.Transport == ServerTransport.Smtp ? server.BounceAddress : null,
        server.Transport == ServerTransport.Smtp && server.Verp);
}
