namespace MailRouting.Bounces;

public enum SuppressionReason
{
    /// <summary>A bounce said the address does not exist.</summary>
    HardBounce,

    /// <summary><see cref="BounceOptions.SoftBouncesToSuppress"/> soft bounces within <see
    /// cref="BounceOptions.SoftBounceDays"/>.</summary>
    SoftBounces,
}
