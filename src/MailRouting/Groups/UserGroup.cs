namespace MailRouting.Groups;

/// <summary>Users an admin gives channels to together ("Sales", "Support Tier 2").</summary>
public sealed class UserGroup
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public List<UserGroupMember> Members { get; set; } = [];
    public Guid Version { get; set; } = Guid.NewGuid();
}

public sealed class UserGroupMember
{
    public int GroupId { get; set; }
    public required string UserId { get; set; }
}
