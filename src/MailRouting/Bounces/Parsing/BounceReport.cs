namespace MailRouting.Bounces.Parsing;

/// <param name="OriginalMessageId">The Message-ID of the message that bounced, from the copy or headers it
/// quotes.</param>
/// <param name="DeliveredTo">
/// The addresses the bounce was delivered to (To, Delivered-To, X-Original-To): a VERP address among them names the
/// message.
/// </param>
public sealed record BounceReport(BounceFormat Format, IReadOnlyList<BouncedRecipient> Recipients,
    string? OriginalMessageId, IReadOnlyList<string> DeliveredTo);
