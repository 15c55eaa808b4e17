using MailRouting.Outbox.Outcomes;

namespace MailRouting.Tests.Outbox.Outcomes;

public sealed class BackoffTests
{
    private static readonly TimeSpan Base = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(1, 0.0, 24)]
    [InlineData(1, 1.0, 36)]
    [InlineData(2, 0.5, 60)]
    [InlineData(4, 0.5, 240)]
    public void After_DoublesPerAttempt_WithinTwentyPercent(int attempts, double jitter, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Backoff.After(attempts, Base, jitter));

    [Fact]
    public void After_ManyAttempts_StaysNearTheOneHourCap() =>
        Assert.Equal(Backoff.Cap * 1.2, Backoff.After(40, Base, 1.0));
}
