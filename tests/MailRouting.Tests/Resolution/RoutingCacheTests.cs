using MailRouting.Resolution;
using Microsoft.Extensions.Time.Testing;

namespace MailRouting.Tests.Resolution;

public sealed class RoutingCacheTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    private int loads;

    private Task<string> LoadAsync(CancellationToken ct) => Task.FromResult($"load {++loads}");

    [Fact]
    public async Task Get_Twice_LoadsOnce()
    {
        var cache = new RoutingCache(clock, TimeSpan.FromSeconds(2));

        var first = await cache.GetAsync("user:1", LoadAsync, default);
        var second = await cache.GetAsync("user:1", LoadAsync, default);

        Assert.Equal(("load 1", "load 1", 1), (first, second, loads));
    }

    [Fact]
    public async Task Invalidate_MakesTheNextGetReadAfresh()
    {
        var cache = new RoutingCache(clock, TimeSpan.FromSeconds(2));
        await cache.GetAsync("user:1", LoadAsync, default);

        cache.Invalidate();

        Assert.Equal("load 2", await cache.GetAsync("user:1", LoadAsync, default));
    }

    [Fact]
    public async Task Lifetime_Passed_ReadsAfresh_SoOtherInstancesChangesAreSeen()
    {
        var cache = new RoutingCache(clock, TimeSpan.FromSeconds(2));
        await cache.GetAsync("user:1", LoadAsync, default);

        clock.Advance(TimeSpan.FromSeconds(1));
        var within = await cache.GetAsync("user:1", LoadAsync, default);
        clock.Advance(TimeSpan.FromSeconds(2));
        var after = await cache.GetAsync("user:1", LoadAsync, default);

        Assert.Equal(("load 1", "load 2"), (within, after));
    }

    [Fact]
    public async Task ValueLoadedWhileAChangeCommits_IsNotKept()
    {
        var cache = new RoutingCache(clock, TimeSpan.FromSeconds(2));

        var stale = await cache.GetAsync("user:1", _ =>
        {
            // A change commits while the old value is being read.
            cache.Invalidate();
            return Task.FromResult("old");
        }, default);

        Assert.Equal(("old", "load 1"), (stale, await cache.GetAsync("user:1", LoadAsync, default)));
    }

    [Fact]
    public async Task MissingSender_IsCachedAsMissing()
    {
        var cache = new RoutingCache(clock, TimeSpan.FromSeconds(2));

        await cache.GetAsync<string?>("user:gone", _ => { loads++; return Task.FromResult<string?>(null); }, default);
        var again = await cache.GetAsync<string?>("user:gone", _ => { loads++; return Task.FromResult<string?>(null); }, default);

        Assert.Equal((null, 1), (again, loads));
    }
}
