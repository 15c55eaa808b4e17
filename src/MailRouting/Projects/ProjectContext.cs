using MailRouting.Resolution;

namespace MailRouting.Projects;

/// <summary>
/// A send in a project, as its rules see it: whether the person is a member (directly or through a group), and for each
/// channel limited to projects, which. Planfix's rule: a channel limited to no project is available in every one.
/// </summary>
public sealed record ProjectContext(int Id, string Name, bool IsMember, int? DefaultSenderChannelId, int? DefaultReplyToChannelId)
{
    /// <summary>Refuses a person outside the project (admins are always in).</summary>
    public AccessDecision Admits(Actor actor) => actor.IsAdmin || IsMember
        ? new(true, $"{actor.Name} works in the project {Name}.")
        : new(false, $"{actor.Name} is not a member of the project {Name}.");

    /// <param name="limitedTo">The names of the projects the channel is limited to; empty: every project.</param>
    public AccessDecision Offers(string address, IReadOnlyCollection<string> limitedTo) =>
        limitedTo.Count == 0 ? new(true, $"{address} is available in every project.")
        : limitedTo.Contains(Name, StringComparer.OrdinalIgnoreCase) ? new(true, $"{address} belongs to the project {Name}.")
        : new(false, $"{address} is not available in the project {Name}: it is limited to the project{(limitedTo.Count == 1 ? "" : "s")} " +
            string.Join(", ", limitedTo.Order(StringComparer.OrdinalIgnoreCase)) + ".");
}
