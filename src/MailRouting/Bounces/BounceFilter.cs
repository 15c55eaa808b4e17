using MailRouting.Bounces.Parsing;

namespace MailRouting.Bounces;

/// <param name="Matched">True: only bounces tied to a sent message; false: only the unmatched; null: both.</param>
/// <param name="Recipient">Part of the bounced address.</param>
public sealed record BounceFilter(bool? Matched, BounceKind? Kind, string? Recipient, int Page);
