using Microsoft.Extensions.Time.Testing;

namespace MailRouting.Tests.Outbox.Delivery;

/// <summary>
/// A fake clock that moves on by <paramref name="step"/> just before the first timer due in that step is set: what
/// happens when another thread advances the clock between the moment code reads it and the moment it sets its timer.
/// </summary>
public sealed class ClockMovingWhileATimerIsSet(DateTimeOffset start, TimeSpan step) : FakeTimeProvider(start)
{
    private int moved;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime == step && Interlocked.Exchange(ref moved, 1) == 0)
        {
            Advance(step);
        }

        return base.CreateTimer(callback, state, dueTime, period);
    }
}
