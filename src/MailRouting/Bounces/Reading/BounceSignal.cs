namespace MailRouting.Bounces.Reading;

/// <summary>Wakes every mailbox watch of this instance at once ("Check now", or a channel's settings
/// changed).</summary>
public sealed class BounceSignal : IDisposable
{
    private CancellationTokenSource current = new();

    /// <summary>Cancelled at the next <see cref="Notify"/>.</summary>
    public CancellationToken Next => Volatile.Read(ref current).Token;

    public void Notify() => Interlocked.Exchange(ref current, new CancellationTokenSource()).Cancel();

    public void Dispose() => current.Dispose();

    /// <summary>Waits for <paramref name="timeout"/> or a notification, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(ct, Next);
        await Task.Delay(timeout, either.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        ct.ThrowIfCancellationRequested();
    }
}
