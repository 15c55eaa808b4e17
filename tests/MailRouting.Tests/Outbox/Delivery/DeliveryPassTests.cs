using MailRouting.Diagnostics;
using MailRouting.Outbox;
using MailRouting.Outbox.Claims;
using MailRouting.Outbox.Delivery;
using MailRouting.Outbox.Outcomes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace MailRouting.Tests.Outbox.Delivery;

/// <summary>
/// A delivery pass through the transport seam on a fake clock: retries, budgets and leases without waiting for real time.
/// The clock stands still unless a test moves it, so the writer saves when the lanes finish or must wait for it.
/// </summary>
public sealed class DeliveryPassTests : IAsyncLifetime
{
    private static readonly DateTime Queued = new(2026, 12, 3, 9, 0, 0, DateTimeKind.Utc);
    private readonly FakeTimeProvider clock = new(Queued);
    private readonly SendingOptions options = SendingOptions.From(new ConfigurationBuilder().Build());
    private readonly FakeTransport transport = new();
    private OutboxDatabase outbox = null!;

    public async Task InitializeAsync() => outbox = await OutboxDatabase.CreateAsync();

    public async Task DisposeAsync() => await outbox.DisposeAsync();

    private async Task<int> RunOnceAsync(string worker = "test")
    {
        await using var services = outbox.Worker(worker, options, clock);
        using var inFlight = new ServersInFlight();
        return await services.RunOnceAsync(transport, inFlight);
    }

    /// <summary>Polls until the condition holds, for at most 30 s of real time.</summary>
    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            await Task.Delay(10, deadline.Token);
        }
    }

    private static Task<SendResult> Greylisted(OutboxMessage message) => Task.FromResult(SendResult.Refused(new SendFailure(
        new Diagnostic(DiagnosticCode.TemporaryFailure, "Greylisted.", "Nothing to do: the message is retried."), "451 4.7.1 Try again later",
        Temporary: true)));

    [Fact]
    public async Task RunOnce_ATemporaryRefusal_IsRetriedAfterItsBackoff_AndNotBefore()
    {
        await outbox.QueueAsync(await outbox.ServerAsync(), 1, Queued);
        transport.Answer = Greylisted;

        await RunOnceAsync();
        var waiting = (await outbox.MessagesAsync()).Single();
        var accept = new FakeTransport().Answer;
        transport.Answer = accept;
        clock.Advance(options.RetryBase * 0.75);
        var beforeTheBackoff = await RunOnceAsync();
        clock.Advance(options.RetryBase * 0.5);
        var afterTheBackoff = await RunOnceAsync();

        Assert.Equal(MessageStatus.Retrying, waiting.Status);
        Assert.InRange(waiting.NextAttemptAt, Queued + (options.RetryBase * 0.8), Queued + (options.RetryBase * 1.2));
        Assert.Equal((0, 1), (beforeTheBackoff, afterTheBackoff));
        var sent = (await outbox.MessagesAsync()).Single();
        Assert.Equal(MessageStatus.Sent, sent.Status);
        Assert.Equal(["Retrying", "Sent"], sent.Attempts.Select(a => a.Outcome));
        Assert.Equal(clock.GetUtcNow().UtcDateTime, sent.SentAt);
    }

    [Fact]
    public async Task RunOnce_MoreThanTheServersMinuteAllows_SendsItsBudget_AndTheRestWaitForTheNextMinute()
    {
        await outbox.QueueAsync(await outbox.ServerAsync(perMinute: 2), 3, Queued);

        var handled = await RunOnceAsync();
        var afterOnePass = await outbox.MessagesAsync();
        clock.Advance(TimeSpan.FromMinutes(1));
        await RunOnceAsync();

        Assert.Equal(3, handled);
        Assert.Equal(2, afterOnePass.Count(m => m.Status == MessageStatus.Sent));
        var waited = afterOnePass.Single(m => m.Status != MessageStatus.Sent);
        Assert.Equal((MessageStatus.Queued, Queued.AddMinutes(1)), (waited.Status, waited.NextAttemptAt));
        Assert.Empty(waited.Attempts);
        Assert.All(await outbox.MessagesAsync(), m => Assert.Equal(MessageStatus.Sent, m.Status));
        Assert.Equal(3, transport.Sends.Count);
    }

    [Fact]
    public async Task RunOnce_ASendLongerThanTheLease_RenewsIt_SoAnotherWorkerLeavesTheMessageAlone()
    {
        await outbox.QueueAsync(await outbox.ServerAsync(), 1, Queued);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var accepted = new TaskCompletionSource<SendResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        transport.Answer = _ =>
        {
            started.TrySetResult();
            return accepted.Task;
        };

        var first = RunOnceAsync("first");
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        // A third of the lease at a time, each renewal saved before the clock moves on, until the first lease is long over.
        for (var step = 0; step < 4; step++)
        {
            clock.Advance(options.Lease / 3);
            var renewedUntil = clock.GetUtcNow().UtcDateTime + options.Lease;
            await UntilAsync(async () => (await outbox.MessagesAsync()).Single().LeaseUntil == renewedUntil);
        }

        var takenBySecond = await RunOnceAsync("second");
        accepted.SetResult(SendResult.Accepted("250 2.0.0 Ok: queued as Q0001"));

        Assert.Equal(0, takenBySecond);
        Assert.Equal(1, await first);
        var message = (await outbox.MessagesAsync()).Single();
        Assert.Equal((MessageStatus.Sent, "first"), (message.Status, message.Attempts.Single().Worker));
        Assert.Single(transport.Sends);
    }

    [Fact]
    public async Task RunOnce_TheClockReachingTheRenewalWhileItsTimerIsSet_RenewsAtOnce()
    {
        var movingClock = new ClockMovingWhileATimerIsSet(Queued, options.Lease / 3);
        await outbox.QueueAsync(await outbox.ServerAsync(), 1, Queued);
        var accepted = new TaskCompletionSource<SendResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        transport.Answer = _ => accepted.Task;

        await using var services = outbox.Worker("first", options, movingClock);
        using var inFlight = new ServersInFlight();
        var first = services.RunOnceAsync(transport, inFlight);
        var renewedUntil = Queued + (options.Lease / 3) + options.Lease;
        await UntilAsync(async () => (await outbox.MessagesAsync()).Single().LeaseUntil == renewedUntil);
        accepted.SetResult(SendResult.Accepted("250 2.0.0 Ok: queued as Q0001"));

        Assert.Equal(1, await first);
    }

    [Fact]
    public async Task RunOnce_ServerWithParallelSessions_SpreadsALoginsMessagesOverThem()
    {
        await outbox.QueueAsync(await outbox.ServerAsync(parallel: 3), 6, Queued);
        using var allStarted = new CountdownEvent(3);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var accept = transport.Answer;
        transport.Answer = async message =>
        {
            // Each lane's first send waits until all three lanes have one in hand.
            if (!allStarted.IsSet && allStarted.Signal())
            {
                release.SetResult();
            }

            await release.Task;
            return await accept(message);
        };

        Assert.Equal(6, await RunOnceAsync());

        Assert.Equal([0, 1, 2], transport.Sends.Select(s => s.Lane).Distinct().Order());
        Assert.All(await outbox.MessagesAsync(), m => Assert.Equal(MessageStatus.Sent, m.Status));
    }

    [Fact]
    public async Task RunOnce_MoreSendsThanMayWaitUnsaved_SavesAsSoonAsTheLanesMustWait_NotAfterTheSaveInterval()
    {
        var messages = (PassState.MaxUnsavedSends * 2) + 3;
        await outbox.QueueAsync(await outbox.ServerAsync(), messages, Queued);

        // The save interval never passes on the fake clock: only a save when the lanes must wait lets the pass go on.
        var handled = await RunOnceAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(messages, handled);
        Assert.Equal(messages, transport.Sends.Count);
        Assert.All(await outbox.MessagesAsync(), m => Assert.Equal(MessageStatus.Sent, m.Status));
    }
}
