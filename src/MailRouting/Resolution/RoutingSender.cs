using System.Globalization;
using MailRouting.Channels;
using MailRouting.Users;

namespace MailRouting.Resolution;

/// <summary>A channel or a user as the resolver needs it: no password, only whether one is stored.</summary>
/// <param name="Senders">For a channel: who may send as it (null: every agent).</param>
/// <param name="ProjectLimits">For a channel: the names of the projects it is limited to
/// (null or empty: every project).</param>
public sealed record RoutingSender(SenderKind Kind, string Id, string Address, string DisplayName, bool IsActive, int? ServerId,
    bool OverrideCredentials, string? Username, bool HasPassword, AccessRule? Senders = null, bool IsConnected = false,
    IReadOnlyCollection<string>? ProjectLimits = null)
{
    public string Login => string.IsNullOrWhiteSpace(Username) ? Address : Username;

    /// <param name="senders">Who may send as it; null when it is open to every agent.</param>
    /// <param name="isConnected">Whether its own login has a connected mailbox, for a server that signs in with OAuth2.</param>
    /// <param name="projectLimits">The names of the projects it is limited to.</param>
    public static RoutingSender From(EmailChannel channel, AccessRule? senders = null, bool isConnected = false,
        IReadOnlyCollection<string>? projectLimits = null) => new(SenderKind.Channel,
        channel.Id.ToString(CultureInfo.InvariantCulture), channel.Address, string.IsNullOrWhiteSpace(channel.DisplayName) ? channel.Name : channel.DisplayName,
        channel.IsActive, channel.ServerId, channel.OverrideCredentials, channel.Username,
        channel.ProtectedPassword is not null, senders, isConnected, projectLimits);

    /// <param name="isConnected">Whether its own login has a connected mailbox, for a server that signs in with OAuth2.</param>
    public static RoutingSender From(AppUser user, bool isConnected = false) => new(SenderKind.User, user.Id, user.Email!,
        string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email! : user.DisplayName, IsActive: true,
        user.ServerId, user.OverrideCredentials, user.SmtpUsername, user.ProtectedSmtpPassword is not null, IsConnected: isConnected);

    public string Describe() => Kind == SenderKind.Channel ? $"Mail from the channel {DisplayName} <{Address}>" : $"Mail from {DisplayName} <{Address}>";
}
