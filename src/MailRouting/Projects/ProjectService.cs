using MailRouting.Data;
using MailRouting.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MailRouting.Projects;

/// <summary>Creates, changes and deletes projects; admins only.</summary>
public sealed class ProjectService(MailRoutingDbContext db, ILogger<ProjectService> logger)
{
    public async Task<Change<Project>> CreateAsync(ProjectInput input, CancellationToken ct)
    {
        if (await InvalidAsync(input, null, ct) is { } invalid)
        {
            return invalid;
        }

        var project = new Project { Name = "" };
        await ApplyAsync(input, project, ct);
        db.Projects.Add(project);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Project {ProjectId} {Name} created", project.Id, project.Name);
        return Change<Project>.Done(project);
    }

    public async Task<Change<Project>> UpdateAsync(int id, ProjectInput input, CancellationToken ct)
    {
        var project = await db.Projects.Include(p => p.Members).SingleOrDefaultAsync(p => p.Id == id, ct);
        if (project is null)
        {
            return Change<Project>.NotFound("project");
        }

        if (await InvalidAsync(input, id, ct) is { } invalid)
        {
            return invalid;
        }

        if (input.Version is { } seen)
        {
            db.Entry(project).Property(p => p.Version).OriginalValue = seen;
        }

        await ApplyAsync(input, project, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Change<Project>.Conflict("project");
        }

        logger.LogInformation("Project {ProjectId} {Name} changed", project.Id, project.Name);
        return Change<Project>.Done(project);
    }

    /// <summary>Deletes the project; channels limited to it alone become available in every project.</summary>
    public async Task<Change<Project>> DeleteAsync(int id, CancellationToken ct)
    {
        var project = await db.Projects.FindAsync([id], ct);
        if (project is null)
        {
            return Change<Project>.NotFound("project");
        }

        db.Projects.Remove(project);
        db.Signatures.RemoveRange(db.Signatures.Where(s => s.Scope == Signatures.SignatureScope.Project && s.OwnerId == id));
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Project {ProjectId} {Name} deleted", project.Id, project.Name);
        return Change<Project>.Done(project);
    }

    private async Task ApplyAsync(ProjectInput input, Project project, CancellationToken ct)
    {
        project.Name = input.Name!.Trim();
        project.DefaultSenderChannelId = input.DefaultSenderChannelId;
        project.DefaultReplyToChannelId = input.DefaultReplyToChannelId;
        var users = (await db.UserIdsByEmailAsync(input.MemberUsers, ct)).Values;
        project.Members = [.. users.Select(userId => new ProjectMember { UserId = userId }), .. input.MemberGroups.Distinct().Select(groupId => new ProjectMember { GroupId = groupId })];
        project.Version = Guid.NewGuid();
    }

    private async Task<Change<Project>?> InvalidAsync(ProjectInput input, int? id, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var name = input.Name?.Trim() ?? "";
        if (name.Length is 0 or > 100)
        {
            errors["name"] = ["Enter a name of at most 100 characters."];
        }
        else if (await db.Projects.AnyAsync(p => p.Name == name && p.Id != id, ct))
        {
            errors["name"] = [$"Another project is already called {name}."];
        }

        foreach (var (field, channel) in new[] { ("defaultSenderChannelId", input.DefaultSenderChannelId), ("defaultReplyToChannelId", input.DefaultReplyToChannelId) })
        {
            if (channel is { } channelId && await db.EmailChannels.Where(c => c.Id == channelId).Select(c => new { c.Address, c.IsActive }).SingleOrDefaultAsync(ct) is var found
                && found is not { IsActive: true })
            {
                errors[field] = [found is null ? "That channel does not exist."
                    : $"{found.Address} is inactive, so no mail can go out as it or name it for replies. Choose an active channel, or activate it first."];
            }
        }

        if (await db.NotUsersAsync(input.MemberUsers, ct) is { Count: > 0 } strangers)
        {
            errors["memberUsers"] = [$"These are not users: {string.Join(", ", strangers)}. Give each member's email address."];
        }

        var groups = input.MemberGroups.Distinct().ToList();
        if (groups.Count > 0 && await db.UserGroups.CountAsync(g => groups.Contains(g.Id), ct) != groups.Count)
        {
            errors["memberGroups"] = ["One of the chosen groups does not exist."];
        }

        return errors.Count == 0 ? null : Change<Project>.Invalid(errors);
    }
}
