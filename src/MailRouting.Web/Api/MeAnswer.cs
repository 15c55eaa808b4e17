using MailRouting.Users;

namespace MailRouting.Web.Api;

/// <summary>The signed-in user as the API shows them, and how their mail goes out.</summary>
public sealed record MeAnswer(UserSummary User, Explanation Explanation);
