using System.Diagnostics;
using MailRouting.Resolution;
using Microsoft.Extensions.DependencyInjection;

namespace MailRouting.Benchmarks.Resolver;

/// <summary>Per-call latency percentiles of resolving, which BenchmarkDotNet's per-iteration statistics do not give.</summary>
public static class ResolverLatency
{
    public sealed record Percentiles(string Case, int Calls, double P50Microseconds, double P99Microseconds, double MaxMicroseconds);

    public static async Task<IReadOnlyList<Percentiles>> MeasureAsync(int calls)
    {
        await using var host = ResolverHost.Create();
        await host.SeedAsync();
        await using var scope = host.Services.CreateAsyncScope();
        var resolution = scope.ServiceProvider.GetRequiredService<SenderResolution>();
        var cache = host.Services.GetRequiredService<RoutingCache>();
        var users = host.UserIds;
        var channels = host.ChannelIds;
        var results = new List<Percentiles>
        {
            await TimeAsync("User, read from the database", calls / 10, i => { cache.Invalidate(); return resolution.ForUserAsync(users[i % users.Count], default); }),
            await TimeAsync("Channel, read from the database", calls / 10, i => { cache.Invalidate(); return resolution.ForChannelAsync(channels[i % channels.Count], default); }),
        };
        await WarmAsync(resolution, host);
        results.Add(await TimeAsync("User, cached", calls, i => resolution.ForUserAsync(users[i % users.Count], default)));
        results.Add(await TimeAsync("Channel, cached", calls, i => resolution.ForChannelAsync(channels[i % channels.Count], default)));
        return results;
    }

    /// <summary>Fills the cache with every sender once, and lets the JIT see both paths.</summary>
    public static async Task WarmAsync(SenderResolution resolution, BenchHost host)
    {
        foreach (var user in host.UserIds)
        {
            await resolution.ForUserAsync(user, default);
        }

        foreach (var channel in host.ChannelIds)
        {
            await resolution.ForChannelAsync(channel, default);
        }
    }

    private static async Task<Percentiles> TimeAsync(string name, int calls, Func<int, Task<ResolvedSender?>> resolve)
    {
        var ticks = new long[calls];
        for (var i = 0; i < calls; i++)
        {
            var start = Stopwatch.GetTimestamp();
            _ = await resolve(i) ?? throw new InvalidOperationException($"{name}: sender {i} was not found.");
            ticks[i] = Stopwatch.GetTimestamp() - start;
        }

        Array.Sort(ticks);
        double Micro(long t) => t * 1_000_000.0 / Stopwatch.Frequency;
        return new Percentiles(name, calls, Micro(ticks[calls / 2]), Micro(ticks[(int)(calls * 0.99)]), Micro(ticks[^1]));
    }
}
