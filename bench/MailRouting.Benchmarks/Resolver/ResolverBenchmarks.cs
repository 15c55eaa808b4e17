using BenchmarkDotNet.Attributes;
using MailRouting.Resolution;
using Microsoft.Extensions.DependencyInjection;

namespace MailRouting.Benchmarks.Resolver;

/// <summary>
/// Resolving a sender with 10,000 users, 1,000 channels and 50 servers in the database. The baseline reads the sender
/// and the servers from SQLite on every call (as every resolve did before the cache); the others use the cache.
/// </summary>
[MemoryDiagnoser]
public class ResolverBenchmarks
{
    private BenchHost host = null!;
    private AsyncServiceScope scope;
    private SenderResolution resolution = null!;
    private RoutingCache cache = null!;
    private int next;

    [GlobalSetup(Targets = [nameof(UserFromDatabase), nameof(ChannelFromDatabase)])]
    public void Setup()
    {
        host = ResolverHost.Create();
        host.SeedAsync().GetAwaiter().GetResult();
        scope = host.Services.CreateAsyncScope();
        resolution = scope.ServiceProvider.GetRequiredService<SenderResolution>();
        cache = host.Services.GetRequiredService<RoutingCache>();
    }

    /// <summary>The cached cases start with every sender in the cache, as a running app has them.</summary>
    [GlobalSetup(Targets = [nameof(UserCached), nameof(ChannelCached)])]
    public void SetupWarm()
    {
        Setup();
        ResolverLatency.WarmAsync(resolution, host).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        scope.DisposeAsync().AsTask().GetAwaiter().GetResult();
        host.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private string NextUser() => host.UserIds[next++ % host.UserIds.Count];

    private int NextChannel() => host.ChannelIds[next++ % host.ChannelIds.Count];

    [Benchmark(Baseline = true, Description = "User, read from the database")]
    public Task<ResolvedSender?> UserFromDatabase()
    {
        cache.Invalidate();
        return resolution.ForUserAsync(NextUser(), CancellationToken.None);
    }

    [Benchmark(Description = "User, cached")]
    public Task<ResolvedSender?> UserCached() => resolution.ForUserAsync(NextUser(), CancellationToken.None);

    [Benchmark(Description = "Channel, read from the database")]
    public Task<ResolvedSender?> ChannelFromDatabase()
    {
        cache.Invalidate();
        return resolution.ForChannelAsync(NextChannel(), CancellationToken.None);
    }

    [Benchmark(Description = "Channel, cached")]
    public Task<ResolvedSender?> ChannelCached() => resolution.ForChannelAsync(NextChannel(), CancellationToken.None);
}
