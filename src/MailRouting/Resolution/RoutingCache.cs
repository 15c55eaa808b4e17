using System.Collections.Concurrent;

namespace MailRouting.Resolution;

/// <summary>
/// Servers and senders as the resolver needs them, kept in memory so a resolve does not touch the database. Every
/// committed change to a server, channel or user in this instance starts a new generation, so the next resolve reads
/// afresh; changes saved by other instances are seen once a generation is older than Routing:CacheSeconds.
/// </summary>
public sealed class RoutingCache(TimeProvider time, TimeSpan lifetime)
{
    private Generation current = new(time.GetUtcNow());

    public void Invalidate() => Volatile.Write(ref current, new Generation(time.GetUtcNow()));

    /// <summary>The cached value for <paramref name="key"/>, loading it on a miss.</summary>
    public async ValueTask<T> GetAsync<T>(string key, Func<CancellationToken, Task<T>> load, CancellationToken ct)
    {
        var generation = Volatile.Read(ref current);
        if (time.GetUtcNow() - generation.Born > lifetime)
        {
            var fresh = new Generation(time.GetUtcNow());
            generation = Interlocked.CompareExchange(ref current, fresh, generation) == generation ? fresh : Volatile.Read(ref current);
        }

        if (generation.Entries.TryGetValue(key, out var hit))
        {
            return (T)hit!;
        }

        // Stored in the generation read before loading: if a change commits meanwhile, the value lands in a dead generation.
        var value = await load(ct);
        generation.Entries.TryAdd(key, value);
        return value;
    }

    private sealed class Generation(DateTimeOffset born)
    {
        public DateTimeOffset Born => born;

        public ConcurrentDictionary<string, object?> Entries { get; } = new(StringComparer.Ordinal);
    }
}
