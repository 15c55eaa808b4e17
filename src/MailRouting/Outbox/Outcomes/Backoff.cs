namespace MailRouting.Outbox.Outcomes;

/// <summary>How long a temporarily refused message waits: doubling from the base per attempt, capped at one hour.</summary>
public static class Backoff
{
    public static readonly TimeSpan Cap = TimeSpan.FromHours(1);

    /// <param name="attempts">The attempts made so far, this one included.</param>
    /// <param name="jitter">0 to 1: spreads the retries of many messages over ±20 % so they do not all come back at once.</param>
    public static TimeSpan After(int attempts, TimeSpan retryBase, double jitter)
    {
        var delay = retryBase * Math.Pow(2, Math.Min(attempts - 1, 10));
        var capped = delay > Cap ? Cap : delay;
        return capped * (0.8 + (jitter * 0.4));
    }
}
