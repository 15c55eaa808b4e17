namespace MailRouting.Resolution;

/// <summary>What a channel is used for: sending as it, or naming it as a message's Reply-To.</summary>
public enum ChannelUse
{
    Sender,
    ReplyTo,
}

/// <summary>A group as a channel's rule sees it: its name and its members' user ids.</summary>
public sealed record GroupAccess(string Name, IReadOnlySet<string> Members);

/// <summary>Whether someone may use a channel, in one sentence that names the rule that decided.</summary>
public sealed record AccessDecision(bool Allowed, string Reason);

/// <summary>
/// Who may use a channel for one purpose (celanio's "Benutzerrechte", Planfix's chosen employees and groups): every agent,
/// or only the chosen users and the members of the chosen groups. Admins are not asked: they may use every channel.
/// </summary>
public sealed record AccessRule(bool Everyone, IReadOnlySet<string> Users, IReadOnlyList<GroupAccess> Groups)
{
    public static AccessRule Open { get; } = new(true, new HashSet<string>(), []);

    /// <param name="who">How the sentence names the person ("You", "Agent One").</param>
    public AccessDecision Decide(string userId, string who, string address, ChannelUse use)
    {
        var may = use == ChannelUse.Sender ? $"may send as {address}" : $"may use {address} as Reply-To";
        if (Everyone)
        {
            return new(true, $"{who} {may}: it is open to every agent.");
        }

        if (Users.Contains(userId))
        {
            return new(true, $"{who} {may}: chosen by name.");
        }

        if (Groups.OrderBy(g => g.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Members.Contains(userId)) is { } group)
        {
            return new(true, $"{who} {may} through the group {group.Name}.");
        }

        return new(false, $"{who} {may.Replace("may", "may not", StringComparison.Ordinal)}: {address} is {Limits()}.");
    }

    /// <summary>"limited to the groups Sales and Key Accounts and 2 chosen users", or "not open to any agent".</summary>
    private string Limits()
    {
        var groups = Groups.Select(g => g.Name).Order(StringComparer.OrdinalIgnoreCase).ToList();
        List<string> parts = [];
        if (groups.Count > 0)
        {
            parts.Add((groups.Count == 1 ? "the group " : "the groups ") + Enumerate(groups));
        }

        if (Users.Count > 0)
        {
            parts.Add(Users.Count == 1 ? "1 chosen user" : $"{Users.Count} chosen users");
        }

        return parts.Count == 0 ? "not open to any agent" : "limited to " + string.Join(" and ", parts);
    }

    private static string Enumerate(List<string> names) =>
        names.Count == 1 ? names[0] : $"{string.Join(", ", names.Take(names.Count - 1))} and {names[^1]}";
}
