using System.Globalization;
using MailRouting.Data;
using MailRouting.Servers;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.OAuth;

/// <summary>Finds the login a server, channel or user would connect, or says in a sentence why it has none to connect.</summary>
public sealed class GrantTargets(MailRoutingDbContext db)
{
    public async Task<(GrantTarget? Target, string? Refusal)> ForServerAsync(int id, CancellationToken ct)
    {
        var server = await db.SmtpServers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        return server switch
        {
            null => (null, "The server does not exist."),
            { AuthMethod: SmtpAuthMethod.OAuth2App } => (null,
                $"The server {server.Name} sends with its OAuth app's own permission: there is no mailbox to connect."),
            { AuthMethod: not SmtpAuthMethod.OAuth2 } or { OAuthAppId: null } => (null, $"The server {server.Name} does not sign in with OAuth2; choose OAuth2 and an OAuth app first."),
            { Username: null or "" } => (null, $"The server {server.Name} has no username; enter the mailbox it signs in as first."),
            _ => (new GrantTarget(GrantKey.ForServer(id), server.OAuthAppId.Value, server.Username,
                $"the server {server.Name}",
                server.Transport), null),
        };
    }

    public async Task<(GrantTarget? Target, string? Refusal)> ForChannelAsync(int id, CancellationToken ct)
    {
        var channel = await db.EmailChannels.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (channel is null)
        {
            return (null, "The channel does not exist.");
        }

        return await OwnLoginAsync(new GrantKey(GrantOwner.Channel, id.ToString(CultureInfo.InvariantCulture)), channel.ServerId, channel.OverrideCredentials,
            channel.Login, $"the channel {channel.Name}", ct);
    }

    public async Task<(GrantTarget? Target, string? Refusal)> ForUserAsync(string id, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
        {
            return (null, "The user does not exist.");
        }

        var login = string.IsNullOrWhiteSpace(user.SmtpUsername) ? user.Email! : user.SmtpUsername;
        return await OwnLoginAsync(new GrantKey(GrantOwner.User, id), user.ServerId, user.OverrideCredentials, login, "your profile", ct);
    }

    private async Task<(GrantTarget? Target, string? Refusal)> OwnLoginAsync(GrantKey key, int? serverId, bool ownLogin, string login, string description,
        CancellationToken ct)
    {
        var server = await db.SmtpServers.AsNoTracking().SingleOrDefaultAsync(s => serverId == null ? s.IsDefault : s.Id == serverId, ct);
        if (!ownLogin || server is null || server.Kind == ServerKind.Internal)
        {
            return (null, $"{Capitalized(description)} does not sign in with a login of its own, so there is no mailbox to connect.");
        }

        return server is { AuthMethod: SmtpAuthMethod.OAuth2, OAuthAppId: { } app }
            ? (new GrantTarget(key, app, login, description, server.Transport), null)
            : (null, $"The server {server.Name} signs in with a password, not OAuth2, so {description} uses a password.");
    }

    private static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
