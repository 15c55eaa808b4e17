namespace MailRouting.Health;

/// <summary>When a provider ends a connection, and how long before that its owner is warned.</summary>
/// <param name="LifetimeDays">Set when it ends a fixed time after consent rather than for lack of use.</param>
public sealed record ConnectionEnd(DateTime At, TimeSpan Notice, int? LifetimeDays);
