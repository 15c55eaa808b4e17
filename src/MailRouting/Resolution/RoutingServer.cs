using MailRouting.Servers;

namespace MailRouting.Resolution;

/// <summary>A server as the resolver needs it: no password, only whether one is stored (or, for OAuth2, a mailbox connected).</summary>
public sealed record RoutingServer(int Id, string Name, ServerKind Kind, string Host, int Port, SmtpAuthMethod AuthMethod,
    string? Username, bool HasPassword, string SenderAddress, IReadOnlyList<string> SendAs, bool IsDefault, bool IsConnected = false, int? OAuthAppId = null)
{
    public bool NeedsPassword => AuthMethod != SmtpAuthMethod.None;

    public bool UsesOAuth => AuthMethod == SmtpAuthMethod.OAuth2;

    /// <summary>Whether its account can sign in: a stored password, or for OAuth2 a connected mailbox.</summary>
    public bool CanSignIn => UsesOAuth ? IsConnected : HasPassword;

    public static RoutingServer From(SmtpServer server, bool isConnected) => new(server.Id, server.Name, server.Kind, server.Host, server.Port,
        server.AuthMethod, server.Username, server.ProtectedPassword is not null, server.SenderAddress, server.SendAs, server.IsDefault, isConnected,
        server.OAuthAppId);
}
