using System.Collections.Concurrent;

namespace MailRouting.OAuth;

/// <summary>One refresh per grant at a time within this app instance; across instances the grant's refresh lease decides.</summary>
public sealed class RefreshLocks
{
    private readonly ConcurrentDictionary<int, SemaphoreSlim> locks = [];

    public async Task<IDisposable> EnterAsync(int grantId, CancellationToken ct)
    {
        var gate = locks.GetOrAdd(grantId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
