using System.Text.Json.Serialization;
using MailRouting.Data;
using MailRouting.OAuth;
using MailRouting.Resolution;
using MailRouting.Servers;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Users;

/// <summary>Where a user's sent mail is copied: an IMAP folder of their own mailbox; the password is never shown.</summary>
public sealed record SentCopySummary(string? Host, int? Port, SmtpSecurity Security, string? Username, string Folder, bool HasPassword,
    Channels.IncomingAuth AuthMethod);

public sealed record UserSummary(string Id, string Email, string DisplayName, string Role, int? ServerId, int? EffectiveServerId,
    string? EffectiveServerName, bool OverrideCredentials, string? SmtpUsername, bool HasSmtpPassword, SentCopySummary? SentCopy,
    [property: JsonPropertyName("oauth")] MailboxConnection? OAuth = null, bool Deactivated = false, DateTimeOffset? LockedUntil = null)
{
    /// <summary>Locked after too many failed sign-ins, until <see cref="LockedUntil"/>.</summary>
    public bool LockedOut => LockedUntil > DateTimeOffset.UtcNow;

    public string ServerLabel => ServerId is null ? $"Default ({EffectiveServerName})" : EffectiveServerName ?? "(missing)";
}

public enum UserSort
{
    Email,
    Name,
    Server,
}

public sealed record UserListQuery(string? Search = null, int? ServerId = null, string? Role = null, UserSort Sort = UserSort.Email,
    bool Descending = false, int Page = 1, int PageSize = 50);

public sealed class UserQueries(MailRoutingDbContext db, SenderResolution resolution, MailboxConnectionQueries connections)
{
    public async Task<PagedList<UserSummary>> ListAsync(UserListQuery query, CancellationToken ct)
    {
        var defaultId = await resolution.DefaultServerIdAsync(ct);
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            users = users.Where(u => u.Email!.Contains(query.Search.Trim()) || u.DisplayName.Contains(query.Search.Trim()));
        }

        if (query.ServerId is { } serverId)
        {
            users = serverId == defaultId ? users.Where(u => u.ServerId == serverId || u.ServerId == null) : users.Where(u => u.ServerId == serverId);
            // The users of a server are those who send through it, as its "used by" count says: Support sends nothing.
            var support = db.Roles.Where(r => r.Name == Roles.Support).Select(r => r.Id);
            users = users.Where(u => !db.UserRoles.Any(ur => ur.UserId == u.Id && support.Contains(ur.RoleId)));
        }

        if (!string.IsNullOrWhiteSpace(query.Role))
        {
            var roleId = db.Roles.Where(r => r.Name == query.Role).Select(r => r.Id);
            users = users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && roleId.Contains(ur.RoleId)));
        }

        var total = await users.CountAsync(ct);
        var pageSize = Math.Clamp(query.PageSize, 1, 500);
        var (page, skip) = Paging.Window(query.Page, total, pageSize);
        users = (query.Sort, query.Descending) switch
        {
            (UserSort.Name, false) => users.OrderBy(u => u.DisplayName),
            (UserSort.Name, true) => users.OrderByDescending(u => u.DisplayName),
            (UserSort.Server, false) => users.OrderBy(u => db.SmtpServers.Where(s => s.Id == (u.ServerId ?? defaultId)).Select(s => s.Name).FirstOrDefault()).ThenBy(u => u.Email),
            (UserSort.Server, true) => users.OrderByDescending(u => db.SmtpServers.Where(s => s.Id == (u.ServerId ?? defaultId)).Select(s => s.Name).FirstOrDefault()).ThenBy(u => u.Email),
            (_, true) => users.OrderByDescending(u => u.Email),
            _ => users.OrderBy(u => u.Email),
        };
        var items = await Project(users.Skip(skip).Take(pageSize), defaultId).ToListAsync(ct);
        return new PagedList<UserSummary>(await WithConnectionsAsync(items, ct), total, page, pageSize);
    }

    public async Task<UserSummary?> FindAsync(string id, CancellationToken ct)
    {
        var defaultId = await resolution.DefaultServerIdAsync(ct);
        return await Project(db.Users.AsNoTracking().Where(u => u.Id == id), defaultId).SingleOrDefaultAsync(ct) is { } user
            ? (await WithConnectionsAsync([user], ct))[0]
            : null;
    }

    private async Task<List<UserSummary>> WithConnectionsAsync(List<UserSummary> users, CancellationToken ct)
    {
        var connected = await connections.ForOwnLoginsAsync([.. users.Select(u => (new GrantKey(GrantOwner.User, u.Id), u.EffectiveServerId, u.OverrideCredentials))],
            await resolution.ServersAsync(ct), ct);
        return [.. users.Select(u => connected.TryGetValue(new GrantKey(GrantOwner.User, u.Id), out var connection) ? u with { OAuth = connection } : u)];
    }

    private IQueryable<UserSummary> Project(IQueryable<AppUser> users, int? defaultId) => users.Select(u => new UserSummary(
        u.Id, u.Email!, u.DisplayName,
        db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).FirstOrDefault() ?? "",
        u.ServerId, u.ServerId ?? defaultId,
        db.SmtpServers.Where(s => s.Id == (u.ServerId ?? defaultId)).Select(s => s.Name).FirstOrDefault(),
        u.OverrideCredentials, u.SmtpUsername, u.ProtectedSmtpPassword != null,
        u.CopyToSentFolder == null ? null
            : new SentCopySummary(u.Incoming.Host, u.Incoming.Port, u.Incoming.Security, u.Incoming.Username, u.CopyToSentFolder, u.Incoming.ProtectedPassword != null, u.Incoming.AuthMethod),
        null, u.Deactivated, u.LockoutEnd));
}
