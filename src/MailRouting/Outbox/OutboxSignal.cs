namespace MailRouting.Outbox;

/// <summary>Wakes this instance's delivery worker when a message is queued, so it need not wait for its next poll.</summary>
public sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim signal = new(0, 1);
    private readonly Lock gate = new();

    public void Notify()
    {
        lock (gate)
        {
            if (signal.CurrentCount == 0)
            {
                signal.Release();
            }
        }
    }

    /// <returns>True when woken by <see cref="Notify"/>, false when <paramref name="timeout"/> passed first.</returns>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => signal.WaitAsync(timeout, ct);

    public void Dispose() => signal.Dispose();
}
