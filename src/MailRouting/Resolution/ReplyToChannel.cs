namespace MailRouting.Resolution;

/// <summary>An active channel asked for as a message's Reply-To, as the rights see it.</summary>
/// <param name="Rule">Who may name it as Reply-To.</param>
/// <param name="ProjectLimits">The names of the projects it is limited to; empty: every project.</param>
public sealed record ReplyToChannel(int Id, string Address, AccessRule Rule, IReadOnlyCollection<string> ProjectLimits);
