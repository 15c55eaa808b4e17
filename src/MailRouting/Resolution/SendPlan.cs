using System.Globalization;
using MailRouting.Channels;
using MailRouting.Servers;
using MailRouting.Users;

namespace MailRouting.Resolution;

public enum SenderKind
{
    Channel,
    User,
}

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

/// <summary>A channel or a user as the resolver needs it: no password, only whether one is stored.</summary>
/// <param name="Senders">For a channel: who may send as it (null: every agent).</param>
public sealed record RoutingSender(SenderKind Kind, string Id, string Address, string DisplayName, bool IsActive, int? ServerId,
    bool OverrideCredentials, string? Username, bool HasPassword, AccessRule? Senders = null, bool IsConnected = false)
{
    public string Login => string.IsNullOrWhiteSpace(Username) ? Address : Username;

    /// <param name="senders">Who may send as it; null when it is open to every agent.</param>
    /// <param name="isConnected">Whether its own login has a connected mailbox, for a server that signs in with OAuth2.</param>
    public static RoutingSender From(EmailChannel channel, AccessRule? senders = null, bool isConnected = false) => new(SenderKind.Channel,
        channel.Id.ToString(CultureInfo.InvariantCulture), channel.Address, string.IsNullOrWhiteSpace(channel.DisplayName) ? channel.Name : channel.DisplayName,
        channel.IsActive, channel.ServerId, channel.OverrideCredentials, channel.Username, channel.ProtectedPassword is not null, senders, isConnected);

    /// <param name="isConnected">Whether its own login has a connected mailbox, for a server that signs in with OAuth2.</param>
    public static RoutingSender From(AppUser user, bool isConnected = false) => new(SenderKind.User, user.Id, user.Email!,
        string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email! : user.DisplayName, IsActive: true,
        user.ServerId, user.OverrideCredentials, user.SmtpUsername, user.ProtectedSmtpPassword is not null, IsConnected: isConnected);

    public string Describe() => Kind == SenderKind.Channel ? $"Mail from the channel {DisplayName} <{Address}>" : $"Mail from {DisplayName} <{Address}>";
}

public enum CredentialSource
{
    Server,
    Sender,
}

public sealed record Mailbox(string Name, string Address);

/// <summary>
/// How one message goes out: server, login and addresses. Only <see cref="SenderResolver"/> can build one, so every
/// plan has passed the rules of DESIGN §2.
/// </summary>
public sealed class SendPlan
{
    internal SendPlan(RoutingServer server, CredentialSource credentials, string? login, Mailbox from, string? replyTo, IReadOnlyList<string> steps)
    {
        Server = server;
        Credentials = credentials;
        Login = login;
        From = from;
        ReplyTo = replyTo;
        Steps = steps;
    }

    public RoutingServer Server { get; }
    public CredentialSource Credentials { get; }

    /// <summary>The account that authenticates; null when the server takes mail without sign-in.</summary>
    public string? Login { get; }

    public Mailbox From { get; }

    /// <summary>Always the From address, so bounces and SPF checks see the same account.</summary>
    public string EnvelopeFrom => From.Address;

    public string? ReplyTo { get; }
    public IReadOnlyList<string> Steps { get; }

    public string Summary => $"goes out via {Server.Name}" + (Login is null ? " without signing in" : $", signed in as {Login}") + $", From: {From.Name} <{From.Address}>"
        + (ReplyTo is null ? "" : $", Reply-To: {ReplyTo}");
}

public static class FailureCodes
{
    public const string MissingPassword = "MissingPassword";
    public const string NotConnected = "NotConnected";
    public const string ChannelInactive = "ChannelInactive";
    public const string NotPermitted = "NotPermitted";
    public const string ServerMissing = "ServerMissing";
}

public sealed record ResolutionFailure(string Code, string Message, string Fix, IReadOnlyList<string> Steps);

/// <summary>Either a plan or a failure; failures are values, never exceptions.</summary>
public sealed record Resolution(SendPlan? Plan, ResolutionFailure? Failure)
{
    public bool Ok => Plan is not null;
}
