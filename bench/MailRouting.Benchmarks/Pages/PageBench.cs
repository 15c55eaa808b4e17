using System.Net;
using System.Text.RegularExpressions;
using MailRouting.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MailRouting.Benchmarks.Pages;

/// <summary>The admin list pages with 10,000 users and 10,000 channels: server-side p50/p95 and SQL commands per request.</summary>
public static class PageBench
{
    /// <param name="MaxSqlCommands">The most any request sent: the one that reloads the routing cache when its lifetime ends pays more.</param>
    public sealed record PageResult(string Page, int Requests, double P50Milliseconds, double P95Milliseconds, int MedianSqlCommands, int MaxSqlCommands);

    public static async Task<IReadOnlyList<PageResult>> MeasureAsync(int requests)
    {
        var counter = new SqlCommandCounter();
        await using var host = new BenchHost(users: 10_000, channels: 10_000, servers: 50, services =>
        {
            services.AddSingleton<IStartupFilter>(counter);
            services.ConfigureDbContext<MailRoutingDbContext>(options => options.AddInterceptors(counter));
        });
        await host.SeedAsync();
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await BrowserSignIn.SignInAsync(client, BenchHost.AdminEmail, BenchHost.AdminPassword);
        var server = host.ServerIds[3];
        (string Name, string Path)[] pages =
        [
            ("Users list", "/Users"),
            ("Channels list, filtered by server", $"/Channels?serverId={server}"),
            ("SMTP servers with used-by counts", "/SmtpServers"),
        ];
        var results = new List<PageResult>();
        foreach (var (name, path) in pages)
        {
            for (var i = 0; i < 5; i++)
            {
                (await client.GetAsync(path)).EnsureSuccessStatusCode();
            }

            counter.Clear();
            for (var i = 0; i < requests; i++)
            {
                var response = await client.GetAsync(path);
                response.EnsureSuccessStatusCode();
            }

            var costs = counter.Costs;
            var times = costs.Select(c => c.Milliseconds).Order().ToArray();
            var commands = costs.Select(c => c.SqlCommands).Order().ToArray();
            results.Add(new PageResult(name, costs.Count, times[times.Length / 2], times[(int)Math.Ceiling(times.Length * 0.95) - 1], commands[commands.Length / 2],
                commands[^1]));
        }

        return results;
    }
}
