using System.Collections.Concurrent;
using System.Threading.Channels;
using MailRouting.OAuth;
using MailRouting.Outbox.Claims;

namespace MailRouting.Outbox.Delivery;

/// <summary>What one pass's lanes share with its writer: the lease, the finished sends and how many may wait unsaved.</summary>
public sealed class PassState(PassLease lease) : IDisposable
{
    /// <summary>
    /// Messages sent (or being sent) whose outcome is not saved yet. The lanes wait rather than run further ahead, so a
    /// crash sends at most this many messages a second time.
    /// </summary>
    public const int MaxUnsavedSends = 8;

    public PassLease Lease => lease;

    private readonly TaskCompletionSource lanesDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource budgetSpent = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The finished sends, in order. (A channel for one reader cannot count what it holds.)</summary>
    public Channel<FinishedSend> Finished { get; } = Channel.CreateUnbounded<FinishedSend>();

    /// <summary>Done once every lane has finished: what is in <see cref="Finished"/> then is all there will be.</summary>
    public Task LanesDone => lanesDone.Task;

    public SemaphoreSlim Unsaved { get; } = new(MaxUnsavedSends);

    /// <summary>Grants whose access token a server refused: the token is dropped after the pass, so a retry fetches a new one.</summary>
    public ConcurrentDictionary<GrantKey, bool> RefusedTokens { get; } = new();

    /// <summary>Hands a message a lane sent (or gave back) on to the writer.</summary>
    public void Sent(OutboxMessage message)
    {
        Finished.Writer.TryWrite(new FinishedSend(message, FromLane: true));
        if (Finished.Reader.Count >= MaxUnsavedSends)
        {
            Volatile.Read(ref budgetSpent).TrySetResult();
        }
    }

    /// <summary>Hands a message on to the writer without a send, so it never holds a lane's place.</summary>
    public void Skipped(OutboxMessage message) => Finished.Writer.TryWrite(new FinishedSend(message, FromLane: false));

    /// <summary>
    /// Done once as many sends have finished as may wait unsaved: the lanes can send nothing more until the writer
    /// saves, so waiting out the save interval for more outcomes would only keep them idle.
    /// </summary>
    public Task UnsavedBudgetSpentAsync()
    {
        if (budgetSpent.Task.IsCompleted)
        {
            var next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Interlocked.Exchange(ref budgetSpent, next);
        }

        // A lane that finished before the new signal was in place is counted here; one after it completes the signal.
        return Finished.Reader.Count >= MaxUnsavedSends ? Task.CompletedTask : budgetSpent.Task;
    }

    public void LanesFinished()
    {
        Finished.Writer.Complete();
        lanesDone.TrySetResult();
    }

    public void Dispose() => Unsaved.Dispose();
}
