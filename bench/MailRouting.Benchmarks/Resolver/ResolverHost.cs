using MailRouting.Resolution;
using Microsoft.Extensions.DependencyInjection;

namespace MailRouting.Benchmarks.Resolver;

/// <summary>
/// The app seeded for the resolver benchmarks. Its cache keeps entries for the whole run, so a "cached" case measures a
/// hit; a miss costs what the "read from the database" cases measure (they empty the cache before every call).
/// </summary>
public static class ResolverHost
{
    public static BenchHost Create() => new(users: 10_000, channels: 1_000, servers: 50,
        services => services.AddSingleton(provider => new RoutingCache(
            provider.GetRequiredService<TimeProvider>(), TimeSpan.FromHours(1))));
}
