using MailRouting.Bounces.Parsing;

namespace MailRouting.Bounces;

/// <summary>
/// Whether a bounce suppresses its address: a hard bounce at once, soft ones when enough came within the window;
/// delays and unreadable bounces never. Only a bounce matched to a message sent to that address counts, so mail that
/// merely looks like a bounce cannot stop anyone's mail.
/// </summary>
public static class SuppressionRules
{
    /// <param name="softBefore">Soft bounces of the address within the window before this one.</param>
    public static SuppressionReason? Decide(BounceKind kind, bool matchedToItsMessage, int softBefore,
        BounceOptions options) =>
        !matchedToItsMessage ? null
            : kind == BounceKind.Hard ? SuppressionReason.HardBounce
            : kind == BounceKind.Soft && softBefore + 1 >= options.SoftBouncesToSuppress ? SuppressionReason.SoftBounces
            : null;
}
