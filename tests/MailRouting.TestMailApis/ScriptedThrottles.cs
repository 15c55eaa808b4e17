using System.Collections.Concurrent;

namespace MailRouting.TestMailApis;

/// <summary>Throttling a test scripts: the next requests for a mailbox are refused and told how long to wait.</summary>
public sealed class ScriptedThrottles
{
    private readonly ConcurrentDictionary<string, (int Count,
        TimeSpan RetryAfter)> next = new(StringComparer.OrdinalIgnoreCase);

    public void ThrottleNext(string mailbox, int count, TimeSpan retryAfter) => next[mailbox] = (count, retryAfter);

    /// <returns>How long to tell this request to wait, or null when it is not throttled.</returns>
    public TimeSpan? Take(string mailbox)
    {
        while (next.TryGetValue(mailbox, out var throttle) && throttle.Count > 0)
        {
            if (next.TryUpdate(mailbox, (throttle.Count - 1, throttle.RetryAfter), throttle))
            {
                return throttle.RetryAfter;
            }
        }

        return null;
    }
}
