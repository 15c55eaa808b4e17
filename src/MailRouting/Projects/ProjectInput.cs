namespace MailRouting.Projects;

/// <summary>What an admin submits for a project, from the page or the API.</summary>
public sealed class ProjectInput
{
    public string? Name { get; set; }
    public int? DefaultSenderChannelId { get; set; }
    public int? DefaultReplyToChannelId { get; set; }

    /// <summary>Members by email.</summary>
    public List<string> MemberUsers { get; set => field = value ?? []; } = [];

    public List<int> MemberGroups { get; set => field = value ?? []; } = [];

    public Guid? Version { get; set; }
}
