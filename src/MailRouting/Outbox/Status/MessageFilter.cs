namespace MailRouting.Outbox.Status;

/// <param name="Search">Part of a recipient's address or of the subject.</param>
/// <param name="CreatedFrom">Created at or after (UTC).</param>
/// <param name="CreatedBefore">Created before (UTC).</param>
public sealed record MessageFilter(MessageStatus? Status = null, int? ChannelId = null, string? UserId = null, int? ServerId = null, int Page = 1,
    string? Search = null, DateTime? CreatedFrom = null, DateTime? CreatedBefore = null);
