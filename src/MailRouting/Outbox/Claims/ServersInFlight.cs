namespace MailRouting.Outbox.Claims;

/// <summary>
/// The servers this instance's running delivery passes send through. The worker starts another pass while one is slow
/// (a server that answers a byte at a time), and that pass claims only other servers' messages: one slow server holds
/// back its own mail and nobody else's, and no server ever has two passes of one instance at once.
/// </summary>
public sealed class ServersInFlight : IDisposable
{
    private readonly SemaphoreSlim claiming = new(1, 1);
    private readonly Lock gate = new();
    private readonly HashSet<int> busy = [];

    /// <summary>Claims with the busy servers left out; the servers of what was claimed are busy until the pass ends.</summary>
    /// <param name="claim">Takes the servers to leave out and returns the claimed messages.</param>
    /// <returns>What was claimed, and the pass's hold on its servers, to dispose when the pass ends.</returns>
    public async Task<(List<OutboxMessage> Claimed, IDisposable Hold)> ClaimAsync(Func<IReadOnlyCollection<int>, Task<List<OutboxMessage>>> claim,
        CancellationToken ct)
    {
        await claiming.WaitAsync(ct);
        try
        {
            var claimed = await claim(Busy);
            var servers = claimed.Select(m => m.ServerId).Distinct().ToList();
            lock (gate)
            {
                busy.UnionWith(servers);
            }

            return (claimed, new Hold(this, servers));
        }
        finally
        {
            claiming.Release();
        }
    }

    /// <summary>The servers running passes send through now.</summary>
    public int[] Busy
    {
        get
        {
            lock (gate)
            {
                return [.. busy];
            }
        }
    }

    private void Release(List<int> servers)
    {
        lock (gate)
        {
            busy.ExceptWith(servers);
        }
    }

    public void Dispose() => claiming.Dispose();

    private sealed class Hold(ServersInFlight owner, List<int> servers) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                owner.Release(servers);
            }
        }
    }
}
