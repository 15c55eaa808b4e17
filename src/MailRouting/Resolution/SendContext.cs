using MailRouting.Projects;

namespace MailRouting.Resolution;

/// <summary>
/// What a send's rights depend on besides the sender: who acts, in which project, and which channel they ask for as
/// Reply-To. It is loaded before resolving, so <see cref="SenderResolver"/> decides every right in one pure function.
/// </summary>
/// <param name="Actor">Who sends; null when only explaining, and then no right of a person is checked.</param>
/// <param name="Project">The project the send is in, with whether the actor is a member.</param>
/// <param name="ReplyTo">The channel asked for as Reply-To, with who may use it
/// and the projects it is limited to.</param>
public sealed record SendContext(Actor? Actor, ProjectContext? Project = null, ReplyToChannel? ReplyTo = null);
