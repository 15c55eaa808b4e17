using System.Collections.Concurrent;

namespace MailRouting.Outbox.Delivery.Api;

/// <summary>
/// When an HTTP mail API asked a mailbox to wait (429 or 503 with Retry-After), every request for that mailbox waits,
/// on every lane, instead of each finding out by being refused again.
/// </summary>
public sealed class ThrottlePacing(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> notBefore = new(StringComparer.OrdinalIgnoreCase);

    public async Task WaitAsync(string mailbox, CancellationToken ct)
    {
        if (notBefore.TryGetValue(mailbox, out var until) && until - time.GetUtcNow() is { Ticks: > 0 } wait)
        {
            await Task.Delay(wait, time, ct);
        }
    }

    public void Hold(string mailbox, TimeSpan wait)
    {
        var until = time.GetUtcNow() + wait;
        notBefore.AddOrUpdate(mailbox, until, (_, earlier) => earlier > until ? earlier : until);
    }
}
