using MailRouting.Data;
using MailRouting.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MailRouting.Groups;

public sealed record GroupInput(string? Name, Guid? Version = null);

/// <summary>Creates, renames and deletes groups and changes their members; admins only.</summary>
public sealed class GroupService(MailRoutingDbContext db, ILogger<GroupService> logger)
{
    public async Task<Change<UserGroup>> CreateAsync(GroupInput input, CancellationToken ct)
    {
        if (await InvalidAsync(input, null, ct) is { } invalid)
        {
            return invalid;
        }

        var group = new UserGroup { Name = input.Name!.Trim() };
        db.UserGroups.Add(group);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Group {GroupId} {Name} created", group.Id, group.Name);
        return Change<UserGroup>.Done(group);
    }

    public async Task<Change<UserGroup>> RenameAsync(int id, GroupInput input, CancellationToken ct)
    {
        var group = await db.UserGroups.FindAsync([id], ct);
        if (group is null)
        {
            return Change<UserGroup>.NotFound("group");
        }

        if (await InvalidAsync(input, id, ct) is { } invalid)
        {
            return invalid;
        }

        if (input.Version is { } seen)
        {
            db.Entry(group).Property(g => g.Version).OriginalValue = seen;
        }

        group.Name = input.Name!.Trim();
        group.Version = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Change<UserGroup>.Conflict("group");
        }

        logger.LogInformation("Group {GroupId} renamed to {Name}", group.Id, group.Name);
        return Change<UserGroup>.Done(group);
    }

    /// <summary>Deletes the group; its members lose the channels they had only through it (the page says which first).</summary>
    public async Task<Change<UserGroup>> DeleteAsync(int id, CancellationToken ct)
    {
        var group = await db.UserGroups.FindAsync([id], ct);
        if (group is null)
        {
            return Change<UserGroup>.NotFound("group");
        }

        db.UserGroups.Remove(group);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Group {GroupId} {Name} deleted", group.Id, group.Name);
        return Change<UserGroup>.Done(group);
    }

    /// <summary>Adds a user, named by id or email; adding a member twice changes nothing.</summary>
    public async Task<Change<UserGroup>> AddMemberAsync(int id, string user, CancellationToken ct)
    {
        var group = await db.UserGroups.Include(g => g.Members).SingleOrDefaultAsync(g => g.Id == id, ct);
        if (group is null)
        {
            return Change<UserGroup>.NotFound("group");
        }

        var userId = await db.Users.AnyAsync(u => u.Id == user, ct) ? user : (await db.UserIdsByEmailAsync([user], ct)).Values.FirstOrDefault();
        if (userId is null)
        {
            return Change<UserGroup>.Invalid("user", $"There is no user {user.Trim()}.");
        }

        if (group.Members.All(m => m.UserId != userId))
        {
            group.Members.Add(new UserGroupMember { UserId = userId });
            group.Version = Guid.NewGuid();
            await db.SaveChangesAsync(ct);
            logger.LogInformation("User {UserId} joined group {GroupId}", userId, id);
        }

        return Change<UserGroup>.Done(group);
    }

    public async Task<Change<UserGroup>> RemoveMemberAsync(int id, string userId, CancellationToken ct)
    {
        var group = await db.UserGroups.Include(g => g.Members).SingleOrDefaultAsync(g => g.Id == id, ct);
        if (group is null)
        {
            return Change<UserGroup>.NotFound("group");
        }

        if (group.Members.FirstOrDefault(m => m.UserId == userId) is { } member)
        {
            group.Members.Remove(member);
            group.Version = Guid.NewGuid();
            await db.SaveChangesAsync(ct);
            logger.LogInformation("User {UserId} left group {GroupId}", userId, id);
        }

        return Change<UserGroup>.Done(group);
    }

    private async Task<Change<UserGroup>?> InvalidAsync(GroupInput input, int? id, CancellationToken ct)
    {
        var name = input.Name?.Trim() ?? "";
        if (name.Length is 0 or > 100)
        {
            return Change<UserGroup>.Invalid("name", "Enter a name of at most 100 characters.");
        }

        return await db.UserGroups.AnyAsync(g => g.Name == name && g.Id != id, ct)
            ? Change<UserGroup>.Invalid("name", $"Another group is already called {name}.")
            : null;
    }
}
