using MailRouting.Outbox.Intake;
using MailRouting.Users;

namespace MailRouting.Web.Api;

/// <summary>The signed-in user as the API shows them, and how their mail goes out.</summary>
public sealed record MeAnswer(UserSummary User, Explanation Explanation);

/// <summary>Someone the signed-in user may send as, and how that mail goes out now.</summary>
public sealed record SenderOption(int? ChannelId, string? UserId, string Label, Explanation Explanation);

/// <summary>What the signed-in user may send as and name as Reply-To (in a project: only its channels).</summary>
public sealed record SenderOptions(IReadOnlyList<SenderOption> Senders, IReadOnlyList<ReplyToChoice> ReplyTos);
