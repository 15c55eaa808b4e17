using MailRouting.Outbox;
using Microsoft.Extensions.Time.Testing;

namespace MailRouting.Tests.Outbox;

public sealed class LargeMessageMemoryTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(1);
    private readonly FakeTimeProvider time = new();

    [Fact]
    public void SmallMessages_NeverCostACollection()
    {
        using var memory = new LargeMessageMemory(time);

        memory.Handled(LargeMessageMemory.Threshold - 1);
        time.Advance(LargeMessageMemory.Aged * 2);

        Assert.Equal(0, memory.Returns);
    }

    [Fact]
    public void LargeMessages_GiveMemoryBackOnceTheyStop_AndOnceMoreLater()
    {
        using var memory = new LargeMessageMemory(time);

        memory.Handled(LargeMessageMemory.Threshold);
        time.Advance(LargeMessageMemory.Quiet - Tick);
        memory.Handled(LargeMessageMemory.Threshold);
        time.Advance(LargeMessageMemory.Quiet - Tick);
        Assert.Equal(0, memory.Returns);

        time.Advance(Tick);
        Assert.Equal(1, memory.Returns);
        time.Advance(LargeMessageMemory.Aged);
        Assert.Equal(2, memory.Returns);
        time.Advance(LargeMessageMemory.Aged * 3);
        Assert.Equal(2, memory.Returns);
    }

    [Fact]
    public void ASteadyStream_GivesMemoryBackAtEachBacklog_WithoutWaitingForQuiet()
    {
        using var memory = new LargeMessageMemory(time);

        memory.Handled(LargeMessageMemory.Backlog / 2);
        time.Advance(Tick);
        Assert.Equal(0, memory.Returns);
        memory.Handled(LargeMessageMemory.Backlog / 2);
        time.Advance(Tick);

        Assert.Equal(1, memory.Returns);
    }
}
