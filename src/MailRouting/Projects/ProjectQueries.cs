using MailRouting.Data;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Projects;

/// <param name="IsActive">False for an inactive channel: a project may not name it as a default, and one that became inactive is shown as a problem.</param>
public sealed record ProjectChannelRef(int Id, string Address, bool IsActive = true);

/// <summary>A project as pages and the API show it.</summary>
public sealed record ProjectSummary(int Id, string Name, ProjectChannelRef? DefaultSender, ProjectChannelRef? DefaultReplyTo, IReadOnlyList<string> MemberUsers,
    IReadOnlyList<Channels.GroupRef> MemberGroups, IReadOnlyList<ProjectChannelRef> LimitedChannels, Guid Version);

public sealed class ProjectQueries(MailRoutingDbContext db)
{
    public async Task<IReadOnlyList<ProjectSummary>> ListAsync(CancellationToken ct) => await Project(db.Projects.AsNoTracking().OrderBy(p => p.Name), ct);

    /// <summary>Every channel a project may start its messages from, by address.</summary>
    public async Task<IReadOnlyList<ProjectChannelRef>> ChannelChoicesAsync(CancellationToken ct) =>
        await db.EmailChannels.AsNoTracking().OrderBy(c => c.Address).Select(c => new ProjectChannelRef(c.Id, c.Address, c.IsActive)).ToListAsync(ct);

    public async Task<ProjectSummary?> FindAsync(int id, CancellationToken ct) => (await Project(db.Projects.AsNoTracking().Where(p => p.Id == id), ct)).SingleOrDefault();

    /// <summary>Plain queries every provider translates: projects, members, channels.</summary>
    private async Task<IReadOnlyList<ProjectSummary>> Project(IQueryable<Project> projects, CancellationToken ct)
    {
        var rows = await projects.Select(p => new { p.Id, p.Name, p.DefaultSenderChannelId, p.DefaultReplyToChannelId, p.Version }).ToListAsync(ct);
        var ids = rows.Select(p => p.Id).ToList();
        var members = await db.ProjectMembers.AsNoTracking().Where(m => ids.Contains(m.ProjectId)).Select(m => new
        {
            m.ProjectId,
            Email = db.Users.Where(u => u.Id == m.UserId).Select(u => u.Email).FirstOrDefault(),
            Group = db.UserGroups.Where(g => g.Id == m.GroupId).Select(g => new Channels.GroupRef(g.Id, g.Name)).FirstOrDefault(),
        }).ToListAsync(ct);
        var limited = (await db.ChannelProjects.AsNoTracking().Where(l => ids.Contains(l.ProjectId))
            .Join(db.EmailChannels, l => l.ChannelId, c => c.Id, (l, c) => new { l.ProjectId, Channel = new ProjectChannelRef(c.Id, c.Address) }).ToListAsync(ct))
            .ToLookup(l => l.ProjectId, l => l.Channel);
        var defaults = rows.SelectMany(p => new[] { p.DefaultSenderChannelId, p.DefaultReplyToChannelId }).OfType<int>().Distinct().ToList();
        var addresses = await db.EmailChannels.AsNoTracking().Where(c => defaults.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => new ProjectChannelRef(c.Id, c.Address, c.IsActive), ct);
        ProjectChannelRef? Ref(int? id) => id is { } known ? addresses.GetValueOrDefault(known) : null;
        return [.. rows.Select(p => new ProjectSummary(p.Id, p.Name, Ref(p.DefaultSenderChannelId), Ref(p.DefaultReplyToChannelId),
            [.. members.Where(m => m.ProjectId == p.Id && m.Email is not null).Select(m => m.Email!).Order(StringComparer.OrdinalIgnoreCase)],
            [.. members.Where(m => m.ProjectId == p.Id && m.Group is not null).Select(m => m.Group!).OrderBy(g => g.Name, StringComparer.OrdinalIgnoreCase)],
            [.. limited[p.Id].OrderBy(c => c.Address, StringComparer.OrdinalIgnoreCase)], p.Version))];
    }
}
