using MailRouting.Groups;

namespace MailRouting.Web.Pages.Channels;

/// <summary>What the channel form shows for one use (sender or Reply-To): every agent, or the chosen groups and users.</summary>
/// <param name="Prefix">Keeps the two uses' element ids apart.</param>
/// <param name="UsersId">The id the error summary links to for the users' field (Input_SenderUsers).</param>
public sealed record RightsForm(
    string Prefix,
    string EveryoneField,
    string EveryoneLabel,
    string Verb,
    bool Everyone,
    string GroupsField,
    IReadOnlyList<GroupSummary> AllGroups,
    IReadOnlyCollection<int> Groups,
    string UsersField,
    string UsersId,
    string UsersText,
    string? UsersError);
