using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.Benchmarks.Pipeline;
using MailRouting.Benchmarks.Targets;
using Npgsql;

namespace MailRouting.Benchmarks.Instances;

/// <summary>
/// The pipeline (3 sessions for the login over all instances, batches of 100) on SQLite with one instance, on PostgreSQL
/// with one instance, and on PostgreSQL with three instances on one database, interleaved in one run: first into a sink
/// that accepts and discards (so the MTA is not what limits them), then into the harness Postfix. Then, on the three
/// instances, how long a change saved on one takes to be used by a resolve on another.
/// </summary>
public static class InstancesBench
{
    public const string SqliteOne = "SQLite, 1 instance";
    public const string PostgresOne = "PostgreSQL, 1 instance";
    public const string PostgresThree = "PostgreSQL, 3 instances";
    public const string IntoSink = ", into the discarding sink";
    public const int Sessions = 3;
    public const int PropagationSamples = 20;

    /// <summary>The private cluster bench/run.sh starts: MAILROUTING_BENCH_POSTGRES, without a database name.</summary>
    private static string Cluster => Environment.GetEnvironmentVariable("MAILROUTING_BENCH_POSTGRES")
        ?? throw new InvalidOperationException("MAILROUTING_BENCH_POSTGRES is not set; run the benchmarks with bench/run.sh, which starts a PostgreSQL cluster.");

    public static async Task<InstancesResults> RunAsync(Results.Measurement measurement, int messages, int rounds, int portBase, Action<string> progress)
    {
        await using var mta = await HarnessMta.StartAsync(Repository.Root, portBase);
        await using var sink = DiscardSink.Start();
        await using var sqlite = await AppPipeline.StartAsync();
        await using var postgresOne = await AppPipeline.StartAsync(await DatabaseAsync("bench_one"), 1);
        await using var postgresThree = await AppPipeline.StartAsync(await DatabaseAsync("bench_three"), 3);
        var runs = new List<(string Name, PipelineRun Run)>();
        (string Name, AppPipeline App)[] apps =
            [(SqliteOne, sqlite), (PostgresOne, postgresOne), (PostgresThree, postgresThree)];
        PipelineBench.Contender[] Contenders(ISmtpTarget target, string suffix) =>
        [
            .. apps.Select(c => new PipelineBench.Contender(c.Name + suffix, messages, async workload =>
            {
                var run = await c.App.RunAsync(target, workload, Sessions, PipelineBench.Batch);
                runs.Add((c.Name + suffix, run));
                return run.Elapsed;
            })),
        ];

        var intoSink = await PipelineBench.InterleaveAsync(sink.DrainAsync, Contenders(sink, IntoSink), messages,
            rounds, progress, afterWarmUp: runs.Clear);
        var intoPostfix = await PipelineBench.InterleaveAsync(mta.DrainAsync, Contenders(mta, ""), messages, rounds,
            progress, afterWarmUp: () => runs.RemoveAll(r => !r.Name.EndsWith(IntoSink, StringComparison.Ordinal)));
        progress($"instances: a change on one instance, seen by another ({PropagationSamples} times)");
        var propagation = await PropagationAsync(mta, postgresThree.Apis);
        return new InstancesResults(measurement.Finished(), [.. intoSink, .. intoPostfix],
            [.. runs.Select(r => new InstancesResults.Run(
                r.Name, r.Run.SmtpSessions, r.Run.MachineBusy))], propagation);
    }

    private static async Task<string> DatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(Cluster + ";Database=postgres");
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE); CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync();
        return $"{Cluster};Database={name}";
    }

    /// <summary>
    /// Moves a channel between two servers on the first instance, and asks the second how it resolves the channel until it
    /// names the new server: milliseconds from the save's answer to that resolve's answer.
    /// </summary>
    private static async Task<IReadOnlyList<double>> PropagationAsync(HarnessMta mta, IReadOnlyList<HttpClient> apis)
    {
        var (saving, resolving) = (apis[0], apis[1]);
        int[] servers = [await ServerAsync(saving, mta, "A"), await ServerAsync(saving, mta, "B")];
        var created = await saving.PostAsJsonAsync("/api/v1/channels", new { name = "Propagation", address = "propagation@acme.test", serverId = servers[0] });
        created.EnsureSuccessStatusCode();
        var channel = (int)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var samples = new List<double>();
        for (var sample = 1; sample <= PropagationSamples; sample++)
        {
            var target = servers[sample % 2];
            // The other instance has the current route cached before the change.
            await ResolvedServerAsync(resolving, channel);
            (await saving.PutAsJsonAsync($"/api/v1/channels/{channel}", new { name = "Propagation", address = "propagation@acme.test", serverId = target })).EnsureSuccessStatusCode();
            var clock = Stopwatch.StartNew();
            while (await ResolvedServerAsync(resolving, channel) != target)
            {
                if (clock.Elapsed > TimeSpan.FromSeconds(30))
                {
                    throw new TimeoutException("The other instance did not see the change within 30 s.");
                }
            }

            samples.Add(clock.Elapsed.TotalMilliseconds);
        }

        return samples;
    }

    private static async Task<int> ServerAsync(HttpClient api, HarnessMta mta, string name)
    {
        var created = await api.PostAsJsonAsync("/api/v1/smtp-servers", new
        {
            name = $"Propagation {name}", host = mta.Host, port = mta.SubmissionPort, security = "StartTls",
            authMethod = "Plain",
            username = HarnessMta.Login, password = HarnessMta.Password, pinnedCertificateSha256 = mta.CertificateSha256,
        });
        created.EnsureSuccessStatusCode();
        return (int)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    private static async Task<int> ResolvedServerAsync(HttpClient api, int channel) =>
        (int)(await api.GetFromJsonAsync<JsonObject>($"/api/v1/resolve?channelId={channel}"))!["server"]!["id"]!;
}
