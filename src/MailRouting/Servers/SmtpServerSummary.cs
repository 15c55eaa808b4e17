using System.Text.Json.Serialization;
using MailRouting.Data;
using MailRouting.OAuth;
using MailRouting.Users;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Servers;

public sealed record LastTestSummary(DateTimeOffset At, bool Success, string? Code, string? Summary);

/// <summary>A server as lists, detail pages and the API show it: everything but the password.</summary>
public sealed record SmtpServerSummary(
    int Id,
    string Name,
    string Host,
    int Port,
    SmtpSecurity Security,
    SmtpAuthMethod AuthMethod,
    string? Username,
    bool HasPassword,
    string SenderAddress,
    string? SenderName,
    string? ClientName,
    IReadOnlyList<string> SendAs,
    int TimeoutSeconds,
    string? PinnedCertificateSha256,
    bool IsDefault,
    ServerKind Kind,
    int UsedByChannels,
    int UsedByUsers,
    LastTestSummary? LastTest,
    long? AdvertisedMaxSize,
    int? MaxMessagesPerSession,
    int? MaxMessagesPerMinute,
    int? MaxConcurrentSessions,
    Guid Version,
    [property: JsonPropertyName("oauthAppId")] int? OAuthAppId = null,
    [property: JsonPropertyName("oauth")] MailboxConnection? OAuth = null,
    string? Description = null,
    ServerTransport Transport = ServerTransport.Smtp,
    int? FallbackServerId = null,
    bool CopyApiMailToSent = false,
    bool SignWithDkim = false,
    string? BounceAddress = null,
    bool Verp = false);

public sealed class SmtpServerQueries(MailRoutingDbContext db, MailboxConnectionQueries connections)
{
    public async Task<IReadOnlyList<SmtpServerSummary>> ListAsync(CancellationToken ct) =>
        await WithConnectionsAsync(await Project(db.SmtpServers.AsNoTracking().OrderByDescending(s => s.IsDefault).ThenBy(s => s.Name)).ToListAsync(ct), ct);

    public async Task<SmtpServerSummary?> FindAsync(int id, CancellationToken ct) =>
        await Project(db.SmtpServers.AsNoTracking().Where(s => s.Id == id)).SingleOrDefaultAsync(ct) is { } server
            ? (await WithConnectionsAsync([server], ct))[0]
            : null;

    private async Task<List<SmtpServerSummary>> WithConnectionsAsync(List<SmtpServerSummary> servers, CancellationToken ct)
    {
        var connected = await connections.ForAsync(
            [.. servers.Where(s => s is { AuthMethod: SmtpAuthMethod.OAuth2, OAuthAppId: not null }).Select(s => (GrantKey.ForServer(s.Id), s.OAuthAppId!.Value))], ct);
        return [.. servers.Select(s => connected.TryGetValue(GrantKey.ForServer(s.Id), out var connection) ? s with { OAuth = connection } : s)];
    }

    /// <summary>One SQL statement: "used by" counts effective use (chosen explicitly, or following the default) as subqueries.</summary>
    private IQueryable<SmtpServerSummary> Project(IQueryable<SmtpServer> servers) => servers.Select(s => new SmtpServerSummary(
        s.Id, s.Name, s.Host, s.Port, s.Security, s.AuthMethod, s.Username, s.ProtectedPassword != null, s.SenderAddress,
        s.SenderName, s.ClientName, s.SendAs, s.TimeoutSeconds, s.PinnedCertificateSha256, s.IsDefault, s.Kind,
        db.EmailChannels.Count(c => c.ServerId == s.Id || (c.ServerId == null && s.IsDefault)),
        // Only people who send (admins and agents) use a server; Support reads.
        db.Users.Count(u => (u.ServerId == s.Id || (u.ServerId == null && s.IsDefault))
            && db.UserRoles.Any(r => r.UserId == u.Id && db.Roles.Any(role => role.Id == r.RoleId && (role.Name == Roles.Admin || role.Name == Roles.Agent)))),
        s.LastTestAt == null ? null : new LastTestSummary(s.LastTestAt.Value, s.LastTestSucceeded, s.LastTestCode, s.LastTestSummary),
        s.AdvertisedMaxSize, s.MaxMessagesPerSession, s.MaxMessagesPerMinute, s.MaxConcurrentSessions, s.Version,
            s.OAuthAppId, null, s.Description,
        s.Transport, s.FallbackServerId, s.CopyApiMailToSent, s.SignWithDkim && s.Transport == ServerTransport.Smtp,
        s.BounceAddress, s.Verp));
}
