using MailRouting.Data;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Projects;

/// <summary>Reads what a send in a project needs: the project for one person, and the projects channels are limited to.</summary>
public sealed class ProjectContexts(MailRoutingDbContext db)
{
    /// <returns>Null when the project does not exist.</returns>
    public async Task<ProjectContext?> ForAsync(int projectId, string userId, CancellationToken ct)
    {
        var project = await db.Projects.AsNoTracking().Where(p => p.Id == projectId)
            .Select(p => new
            {
                p.Id, p.Name, p.DefaultSenderChannelId, p.DefaultReplyToChannelId,
                IsMember = p.Members.Any(m => m.UserId == userId || db.UserGroupMembers.Any(g => g.GroupId == m.GroupId && g.UserId == userId)),
            }).SingleOrDefaultAsync(ct);
        return project is null ? null : new ProjectContext(project.Id, project.Name, project.IsMember, project.DefaultSenderChannelId, project.DefaultReplyToChannelId);
    }

    /// <summary>The projects each of these channels is limited to, by name; channels limited to none are left out.</summary>
    public async Task<ILookup<int, string>> LimitsAsync(IReadOnlyCollection<int> channelIds, CancellationToken ct) =>
        (await db.ChannelProjects.AsNoTracking().Where(l => channelIds.Contains(l.ChannelId))
            .Join(db.Projects, l => l.ProjectId, p => p.Id, (l, p) => new { l.ChannelId, p.Name }).ToListAsync(ct))
        .ToLookup(l => l.ChannelId, l => l.Name);

    /// <summary>The projects a person may send in (admins: all), by name.</summary>
    public async Task<IReadOnlyList<(int Id, string Name)>> OfAsync(string userId, bool isAdmin, CancellationToken ct) =>
        [.. (await db.Projects.AsNoTracking()
            .Where(p => isAdmin || p.Members.Any(m => m.UserId == userId || db.UserGroupMembers.Any(g => g.GroupId == m.GroupId && g.UserId == userId)))
            .OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).ToListAsync(ct)).Select(p => (p.Id, p.Name))];
}
