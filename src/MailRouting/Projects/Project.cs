namespace MailRouting.Projects;

/// <summary>
/// A brand or client an account works for (Planfix's projects): its members, the channels it may use (a channel limited to
/// no project is available in every one) and the sender and Reply-To its messages start with.
/// </summary>
public sealed class Project
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public int? DefaultSenderChannelId { get; set; }
    public int? DefaultReplyToChannelId { get; set; }
    public List<ProjectMember> Members { get; set; } = [];
    public Guid Version { get; set; } = Guid.NewGuid();
}

/// <summary>A user or a group in a project; exactly one of the two is set.</summary>
public sealed class ProjectMember
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public string? UserId { get; set; }
    public int? GroupId { get; set; }
}

/// <summary>A channel limited to a project.</summary>
public sealed class ChannelProject
{
    public int ChannelId { get; set; }
    public int ProjectId { get; set; }
}
