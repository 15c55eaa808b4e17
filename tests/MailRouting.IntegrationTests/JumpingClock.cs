namespace MailRouting.IntegrationTests;

/// <summary>
/// The system clock, which a test moves forward at once instead of sleeping until a token expires or leases run out.
/// Timers and delays still run in real time, so the app's worker keeps polling as it does in production.
/// </summary>
public sealed class JumpingClock : TimeProvider
{
    private long offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public void Jump(TimeSpan ahead) => Interlocked.Add(ref offsetTicks, ahead.Ticks);
}
