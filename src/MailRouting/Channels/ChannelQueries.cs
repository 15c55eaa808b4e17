using System.Globalization;
using System.Text.Json.Serialization;
using MailRouting.Data;
using MailRouting.OAuth;
using MailRouting.Resolution;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Channels;

public sealed record IncomingSummary(IncomingProtocol Protocol, string? Host, int? Port, Servers.SmtpSecurity Security, string? Username, bool HasPassword,
    IncomingAuth AuthMethod);

/// <summary>A channel as lists, pages and the API show it: no password, the effective server resolved.</summary>
public sealed record ChannelSummary(
    int Id,
    string Name,
    string Address,
    string? DisplayName,
    bool IsActive,
    int? ServerId,
    int? EffectiveServerId,
    string? EffectiveServerName,
    bool OverrideCredentials,
    string? Username,
    bool HasPassword,
    IncomingSummary Incoming,
    bool UsableAsSender,
    bool UsableAsReplyTo,
    string? CopyToSentFolder,
    Guid Version,
    [property: JsonPropertyName("oauth")] MailboxConnection? OAuth = null,
    ChannelRights? Rights = null,
    string? Description = null,
    bool ReadBounces = false)
{
    /// <summary>"Default (AcmeJets SMTP)" for channels that follow the default.</summary>
    public string ServerLabel => ServerId is null ? $"Default ({EffectiveServerName})" : EffectiveServerName ?? "(missing)";
}

public sealed record GroupRef(int Id, string Name);

public sealed record ProjectRef(int Id, string Name);

/// <summary>Who was chosen for a channel's uses that are not open to every agent (on a single channel's answer, not in lists).</summary>
/// <param name="Projects">The projects it is limited to; empty: every project.</param>
public sealed record ChannelRights(IReadOnlyList<string> SenderUsers, IReadOnlyList<GroupRef> SenderGroups, IReadOnlyList<string> ReplyToUsers,
    IReadOnlyList<GroupRef> ReplyToGroups, IReadOnlyList<ProjectRef> Projects);

public enum ChannelSort
{
    Name,
    Address,
    Server,
}

public sealed record ChannelListQuery(string? Search = null, int? ServerId = null, ChannelSort Sort = ChannelSort.Name, bool Descending = false, int Page = 1, int PageSize = 50);

public sealed class ChannelQueries(MailRoutingDbContext db, SenderResolution resolution, MailboxConnectionQueries connections)
{
    /// <summary>A few SQL commands whatever the page: the default server, the count, the page and its OAuth2 mailboxes.</summary>
    public async Task<PagedList<ChannelSummary>> ListAsync(ChannelListQuery query, CancellationToken ct)
    {
        var defaultId = await resolution.DefaultServerIdAsync(ct);
        var channels = db.EmailChannels.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim();
            channels = channels.Where(c => c.Name.Contains(term) || c.Address.Contains(term));
        }

        if (query.ServerId is { } serverId)
        {
            channels = serverId == defaultId
                ? channels.Where(c => c.ServerId == serverId || c.ServerId == null)
                : channels.Where(c => c.ServerId == serverId);
        }

        var total = await channels.CountAsync(ct);
        channels = (query.Sort, query.Descending) switch
        {
            (ChannelSort.Address, false) => channels.OrderBy(c => c.Address),
            (ChannelSort.Address, true) => channels.OrderByDescending(c => c.Address),
            (ChannelSort.Server, false) => channels.OrderBy(c => db.SmtpServers.Where(s => s.Id == (c.ServerId ?? defaultId)).Select(s => s.Name).FirstOrDefault()).ThenBy(c => c.Name),
            (ChannelSort.Server, true) => channels.OrderByDescending(c => db.SmtpServers.Where(s => s.Id == (c.ServerId ?? defaultId)).Select(s => s.Name).FirstOrDefault()).ThenBy(c => c.Name),
            (_, true) => channels.OrderByDescending(c => c.Name),
            _ => channels.OrderBy(c => c.Name),
        };
        var pageSize = Math.Clamp(query.PageSize, 1, 500);
        var (page, skip) = Paging.Window(query.Page, total, pageSize);
        var items = await Project(channels.Skip(skip).Take(pageSize), defaultId).ToListAsync(ct);
        return new PagedList<ChannelSummary>(await WithConnectionsAsync(items, ct), total, page, pageSize);
    }

    public async Task<ChannelSummary?> FindAsync(int id, CancellationToken ct)
    {
        var defaultId = await resolution.DefaultServerIdAsync(ct);
        return await Project(db.EmailChannels.AsNoTracking().Where(c => c.Id == id), defaultId).SingleOrDefaultAsync(ct) is { } channel
            ? (await WithConnectionsAsync([channel], ct))[0] with { Rights = await RightsAsync(id, ct) }
            : null;
    }

    private async Task<ChannelRights> RightsAsync(int id, CancellationToken ct)
    {
        var grantees = await db.ChannelGrantees.AsNoTracking().Where(g => g.ChannelId == id).Select(g => new
        {
            g.Use,
            Email = db.Users.Where(u => u.Id == g.UserId).Select(u => u.Email).FirstOrDefault(),
            Group = db.UserGroups.Where(x => x.Id == g.GroupId).Select(x => new GroupRef(x.Id, x.Name)).FirstOrDefault(),
        }).ToListAsync(ct);
        List<string> Users(ChannelUse use) => [.. grantees.Where(g => g.Use == use && g.Email is not null).Select(g => g.Email!).Order(StringComparer.OrdinalIgnoreCase)];
        List<GroupRef> Groups(ChannelUse use) => [.. grantees.Where(g => g.Use == use && g.Group is not null).Select(g => g.Group!).OrderBy(g => g.Name, StringComparer.OrdinalIgnoreCase)];
        var projects = await db.ChannelProjects.AsNoTracking().Where(l => l.ChannelId == id)
            .Join(db.Projects, l => l.ProjectId, p => p.Id, (_, p) => new ProjectRef(p.Id, p.Name)).ToListAsync(ct);
        return new ChannelRights(Users(ChannelUse.Sender), Groups(ChannelUse.Sender), Users(ChannelUse.ReplyTo), Groups(ChannelUse.ReplyTo),
            [.. projects.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)]);
    }

    private async Task<List<ChannelSummary>> WithConnectionsAsync(List<ChannelSummary> channels, CancellationToken ct)
    {
        var connected = await connections.ForOwnLoginsAsync([.. channels.Select(c => (KeyOf(c), c.EffectiveServerId, c.OverrideCredentials))],
            await resolution.ServersAsync(ct), ct);
        return [.. channels.Select(c => connected.TryGetValue(KeyOf(c), out var connection) ? c with { OAuth = connection } : c)];
    }

    private static GrantKey KeyOf(ChannelSummary channel) => new(GrantOwner.Channel, channel.Id.ToString(CultureInfo.InvariantCulture));

    private IQueryable<ChannelSummary> Project(IQueryable<EmailChannel> channels, int? defaultId) => channels.Select(c => new ChannelSummary(
        c.Id, c.Name, c.Address, c.DisplayName, c.IsActive, c.ServerId, c.ServerId ?? defaultId,
        db.SmtpServers.Where(s => s.Id == (c.ServerId ?? defaultId)).Select(s => s.Name).FirstOrDefault(),
        c.OverrideCredentials, c.Username, c.ProtectedPassword != null,
        new IncomingSummary(c.Incoming.Protocol, c.Incoming.Host, c.Incoming.Port, c.Incoming.Security, c.Incoming.Username, c.Incoming.ProtectedPassword != null, c.Incoming.AuthMethod),
        c.UsableAsSender, c.UsableAsReplyTo, c.CopyToSentFolder, c.Version, null, null, c.Description,
        c.ReadBounces));
}
