using System.Collections.Concurrent;

namespace MailRouting.Outbox.Claims;

/// <summary>
/// The lease a delivery pass holds on the messages it claimed. The pass renews it every third of its length while sends
/// run, so a slow send never lets another instance claim a message that is still going out. The lanes read it before
/// each send, from their own threads.
/// </summary>
public sealed class PassLease(DateTime until, TimeSpan length)
{
    private readonly ConcurrentDictionary<Guid, bool> lost = new();
    private long untilTicks = until.Ticks;

    public DateTime Until => new(Interlocked.Read(ref untilTicks), DateTimeKind.Utc);

    public DateTime RenewAt => Until - (length * 2 / 3);

    /// <summary>A send starts only while more than a quarter of the lease is left, and never for a message another instance took.</summary>
    public bool AllowsSend(Guid message, DateTime now) => now < Until - (length / 4) && !IsLost(message);

    public bool IsLost(Guid message) => lost.ContainsKey(message);

    public void Renewed(DateTime newUntil, IEnumerable<Guid> lostMessages)
    {
        foreach (var message in lostMessages)
        {
            lost.TryAdd(message, true);
        }

        Interlocked.Exchange(ref untilTicks, newUntil.Ticks);
    }
}
