using System.Globalization;
using System.Text;
using MailRouting.Benchmarks.Instances;
using MailRouting.Benchmarks.Memory;
using MailRouting.Benchmarks.OAuth;
using MailRouting.Benchmarks.Pages;
using MailRouting.Benchmarks.Pipeline;
using MailRouting.Benchmarks.Resolver;
using MailRouting.Benchmarks.Transports;

namespace MailRouting.Benchmarks;

/// <summary>The Markdown tables of the report, rendered from the raw results only, each with the targets it is checked against.</summary>
public static class Reports
{
    public static string Resolver(ResolverResults results)
    {
        var text = new StringBuilder();
        text.AppendLine("### Resolver: 10,000 users, 1,000 channels, 50 servers").AppendLine();
        text.AppendLine(results.Measurement.Describe()).AppendLine();
        text.AppendLine("BenchmarkDotNet (in process), mean per resolve and allocations; the baseline reads from SQLite on every call.").AppendLine();
        text.AppendLine("| case | mean | ratio to baseline | allocated |").AppendLine("|---|---|---|---|");
        var baseline = results.Means.First(m => m.Baseline).MeanNanoseconds;
        foreach (var mean in results.Means)
        {
            text.AppendLine(Invariant($"| {mean.Case} | {mean.MeanNanoseconds / 1000:F2} µs | {mean.MeanNanoseconds / baseline:F3} | {mean.AllocatedBytes} B |"));
        }

        text.AppendLine().AppendLine("Per-call latency (Stopwatch around each call), target p99 < 50 µs when cached:").AppendLine();
        text.AppendLine("| case | calls | p50 | p99 | max |").AppendLine("|---|---|---|---|---|");
        foreach (var row in results.Latency)
        {
            text.AppendLine(Invariant($"| {row.Case} | {row.Calls} | {row.P50Microseconds:F1} µs | {row.P99Microseconds:F1} µs | {row.MaxMicroseconds:F0} µs |"));
        }

        return text.ToString();
    }

    public static string Pages(PageResults results)
    {
        var text = new StringBuilder();
        text.AppendLine("### Admin pages: 10,000 users, 10,000 channels, 51 servers").AppendLine();
        text.AppendLine(results.Measurement.Describe()).AppendLine();
        text.AppendLine("Timed inside the server, signed in with a cookie (its session check is one of the commands); SQL commands counted with an EF Core interceptor. The request that reloads the routing cache (once its lifetime ends) sends more than the others, so both the usual and the largest count are shown. Targets: p95 < 50 ms, usually at most 3 SQL commands.").AppendLine();
        text.AppendLine("| page | requests | p50 | p95 | SQL commands (median) | SQL commands (max) |").AppendLine("|---|---|---|---|---|---|");
        foreach (var page in results.Pages)
        {
            text.AppendLine(Invariant($"| {page.Page} | {page.Requests} | {page.P50Milliseconds:F1} ms | {page.P95Milliseconds:F1} ms | {page.MedianSqlCommands} | {page.MaxSqlCommands} |"));
        }

        return text.ToString();
    }

    public static string Pipeline(PipelineResults results)
    {
        var text = new StringBuilder();
        var rate = results.Contenders.ToDictionary(r => r.Name, r => r.Median);
        var rounds = Rounds(results.Contenders);
        text.AppendLine("### Pipeline: API → outbox → worker → Postfix (STARTTLS + AUTH PLAIN, Maildir delivery)").AppendLine();
        text.AppendLine(results.Measurement.Describe()).AppendLine();
        text.AppendLine(Invariant($"Median of {rounds} interleaved rounds. The pipeline posts to the API from {AppPipeline.Clients} concurrent clients, in batches of {PipelineBench.Batch} (POST /api/v1/messages/batch) or one message per POST, and is timed from the first POST until every message is Sent; the baselines send the same messages, built before their clock starts, and check the server's certificate. The ratio columns use the batched pipeline.")).AppendLine();
        text.AppendLine("| contender | messages | messages/s (median) | all rounds | pipeline (1 session) ÷ this | pipeline (3 sessions) ÷ this |").AppendLine("|---|---|---|---|---|---|");
        string Ratio(string pipeline, double other) => rate.TryGetValue(pipeline, out var mine) ? Invariant($"{mine / other:F2}") : "–";
        foreach (var result in results.Contenders)
        {
            text.AppendLine(Invariant($"| {result.Name} | {result.Messages} | {result.Median:F0} | {string.Join(", ", result.Rates.Select(r => r.ToString("F0", CultureInfo.InvariantCulture)))} | {Ratio(PipelineBench.PipelineOne, result.Median)} | {Ratio(PipelineBench.PipelineThree, result.Median)} |"));
        }

        text.AppendLine().AppendLine("| target | ratio | holds |").AppendLine("|---|---|---|");
        void Target(string name, string numerator, string denominator, double least)
        {
            if (rate.TryGetValue(numerator, out var top) && rate.TryGetValue(denominator, out var bottom))
            {
                var ratio = top / bottom;
                text.AppendLine(Invariant($"| {name} ≥ {least:F1} | {ratio:F3} | {(ratio >= least ? "yes" : "no")} |"));
            }
        }

        Target("pipeline 3 sessions ÷ nodemailer pool 3", PipelineBench.PipelineThree, PipelineBench.NodeThree, 1.0);
        Target("pipeline 1 session ÷ nodemailer pool 1", PipelineBench.PipelineOne, PipelineBench.NodeOne, 1.0);
        Target("pipeline 1 session ÷ PHPMailer with tcp_nodelay", PipelineBench.PipelineOne, PipelineBench.PhpMailerNoDelay, 1.0);
        Target("pipeline 3 sessions ÷ MailKit loop 3", PipelineBench.PipelineThree, PipelineBench.LoopThree, 0.9);
        Target("pipeline 1 session ÷ MailKit loop 1", PipelineBench.PipelineOne, PipelineBench.LoopOne, 0.9);
        Target("pipeline 1 session ÷ connect per message", PipelineBench.PipelineOne, PipelineBench.Naive, 3.0);

        var sessions = string.Join(", ", results.AppRuns.Select(r => r.SmtpSessions));
        text.AppendLine().AppendLine($"SMTP sessions per pipeline run: {sessions}. "
            + $"Memory of the app after each run: {Memory(results.AppRuns)}.");
        if (results.Costs is { Count: > 0 } costs)
        {
            AppendCosts(text, costs);
        }

        if (results.LongRun is { Count: > 1 } longRun)
        {
            AppendLongRun(text, longRun,
                int.Parse(results.Measurement.Settings["messages"], CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    private static string Holds(bool holds) => holds ? "yes" : "no";

    private static int Rounds(IEnumerable<PipelineBench.Result> contenders) =>
        contenders.Select(c => c.Rates.Count).DefaultIfEmpty().Max();

    /// <summary>Private memory, and resident memory (which adds SQLite's mapped database file)
    /// in brackets, in MB.</summary>
    private static string Memory(IEnumerable<PipelineRun> runs) =>
        string.Join(", ", runs.Select(r => r.PrivateBytes > 0
            ? Invariant($"{r.PrivateBytes / 1048576.0:F0} ({r.WorkingSetBytes / 1048576.0:F0})")
            : Invariant($"({r.WorkingSetBytes / 1048576.0:F0})"))) + " MB private (resident)";

    /// <summary>The app's memory over the long run:
    /// under 200 MB private and flat (the last within a tenth of the first).</summary>
    private static void AppendLongRun(StringBuilder text, IReadOnlyList<PipelineRun> runs, int perRun)
    {
        var messages = runs.Count * perRun;
        var first = runs[0].PrivateBytes / 1048576.0;
        var last = runs[^1].PrivateBytes / 1048576.0;
        var largest = runs.Max(r => r.PrivateBytes) / 1048576.0;
        text.AppendLine().AppendLine(Invariant($"Long run: {messages:N0} messages through 3 sessions after the ")
            + Invariant($"rounds, in {runs.Count} runs; memory after each: {Memory(runs)}."));
        text.AppendLine().AppendLine("| target | value | holds |").AppendLine("|---|---|---|");
        var small = Holds(largest < 200);
        text.AppendLine(Invariant($"| private memory < 200 MB throughout | largest {largest:F0} MB | {small} |"));
        text.AppendLine(Invariant($"| flat: last ÷ first ≤ 1.1 | {last / first:F2} | {Holds(last / first <= 1.1)} |"));
    }

    /// <summary>CPU and allocations per message, the medians over the rounds, and their targets.</summary>
    private static void AppendCosts(StringBuilder text, IReadOnlyList<RunCost> costs)
    {
        static double Median(IEnumerable<double> values) => values.Order().ElementAt(values.Count() / 2);
        var perContender = costs.GroupBy(c => c.Contender).ToDictionary(g => g.Key,
            g => (Cpu: Median(g.Select(c => c.CpuMillisecondsPerMessage)),
                Allocated: Median(g.Select(c => c.AllocatedKilobytesPerMessage))));
        text.AppendLine().AppendLine("What each message cost the process that sent it (median over the rounds): the "
            + "app's processes for the pipeline (taking the request, storing, building and sending the message), this "
            + "benchmark's process for the MailKit loops (sending messages built before). CPU time from the OS; "
            + "allocations from the runtime's allocation events.").AppendLine();
        text.AppendLine("| contender | CPU per message | allocated per message |").AppendLine("|---|---|---|");
        foreach (var (name, cost) in perContender)
        {
            text.AppendLine(Invariant($"| {name} | {cost.Cpu:F2} ms | {cost.Allocated:F1} KB |"));
        }

        text.AppendLine().AppendLine("| target | value | holds |").AppendLine("|---|---|---|");
        (string Pipeline, string Loop)[] pairs =
        [
            (PipelineBench.PipelineThree, PipelineBench.LoopThree), (PipelineBench.PipelineOne, PipelineBench.LoopOne),
        ];
        foreach (var (pipeline, loop) in pairs)
        {
            if (perContender.TryGetValue(pipeline, out var app) && perContender.TryGetValue(loop, out var mailKit))
            {
                var ratio = app.Cpu / mailKit.Cpu;
                text.AppendLine(Invariant(
                    $"| CPU per message: {pipeline} ÷ {loop} ≤ 1.0 | {ratio:F2} | {Holds(ratio <= 1.0)} |"));
            }

            if (perContender.TryGetValue(pipeline, out var sent))
            {
                var (allocated, holds) = (sent.Allocated, Holds(sent.Allocated <= 60));
                text.AppendLine(Invariant($"| allocated per message, {pipeline} ≤ 60 KB | ")
                    + Invariant($"{allocated:F1} KB | {holds} |"));
            }
        }
    }

    public static string OAuth(OAuthResults results)
    {
        var text = new StringBuilder();
        var rate = results.Contenders.ToDictionary(r => r.Name, r => r.Median);
        text.AppendLine("### OAuth2: the pipeline with XOAUTH2 beside the same pipeline with a password").AppendLine();
        text.AppendLine(results.Measurement.Describe()).AppendLine();
        var lifetime = OAuthBench.TokenLifetime.TotalSeconds;
        var refresh = OAuthBench.RefreshBeforeExpiry.TotalSeconds;
        text.AppendLine(Invariant($"Median of {Rounds(results.Contenders)} interleaved rounds, one session, ")
            + Invariant($"batches of {PipelineBench.Batch}, into the harness Postfix over STARTTLS. ")
            + Invariant($"Both servers open a new session every {OAuthBench.MessagesPerSession} messages ")
            + "(their limit per session). With XOAUTH2 every session signs in with the mailbox's access token "
            + "and Dovecot introspects it at the tests' OpenIddict server; the provider issues "
            + Invariant($"tokens for {lifetime:F0} s and the app refreshes them {refresh:F0} s before they expire ")
            + "(OAuth:RefreshBeforeExpirySeconds), so every run refreshes several times, as a day of sending does with "
            + "tokens that last an hour.").AppendLine();
        AppendRates(text, results.Contenders);

        if (rate.TryGetValue(OAuthBench.Xoauth2, out var oauth) && rate.TryGetValue(OAuthBench.Password, out var password))
        {
            text.AppendLine().AppendLine("| target | ratio | holds |").AppendLine("|---|---|---|");
            text.AppendLine(Invariant($"| XOAUTH2 ÷ password ≥ 0.95 | {oauth / password:F3} | {(oauth / password >= 0.95 ? "yes" : "no")} |"));
        }

        var perThousand = results.OAuthMessages == 0 ? 0 : results.TokenRequests * 1000.0 / results.OAuthMessages;
        text.AppendLine().AppendLine(
            Invariant($"During the measured rounds the XOAUTH2 server made {results.TokenRequests} ")
            + Invariant($"token requests for {results.OAuthMessages} messages ")
            + Invariant($"({perThousand:F2} per 1,000 messages) and opened ")
            + Invariant($"{results.OAuthSessions} SMTP sessions (one sign-in and one token introspection each); ")
            + Invariant($"the password server opened {results.PasswordSessions}."));
        return text.ToString();
    }

    public static string Transports(TransportResults results)
    {
        var text = new StringBuilder();
        var rate = results.Contenders.ToDictionary(r => r.Name, r => r.Median);
        text.AppendLine("### Transports: Microsoft Graph beside SMTP").AppendLine();
        text.AppendLine(results.Measurement.Describe()).AppendLine();
        text.AppendLine(Invariant($"Median of {Rounds(results.Contenders)} interleaved rounds, batches of ")
            + Invariant($"{PipelineBench.Batch}, one channel with {TransportBench.Lanes} at once: SMTP sessions ")
            + "(STARTTLS + AUTH PLAIN) into a sink that accepts and discards, and Microsoft Graph sendMail requests "
            + "(base64 MIME, the app's own token) to the tests' Graph stand-in, which checks each token once at the "
            + "harness provider, decodes and parses every message and discards it. Both run on this machine, so "
            + "the ratio is what the Graph path costs the app beside SMTP, not Microsoft's service time.")
            .AppendLine();
        AppendRates(text, results.Contenders);
        if (rate.TryGetValue(TransportBench.Graph, out var graph)
            && rate.TryGetValue(TransportBench.Smtp, out var smtp))
        {
            text.AppendLine().AppendLine("| ratio | value |").AppendLine("|---|---|");
            text.AppendLine(Invariant($"| Graph ÷ SMTP | {graph / smtp:F3} |"));
        }

        text.AppendLine().AppendLine(
            Invariant($"During the measured rounds the app made {results.GraphRequests} sendMail requests; at most ")
            + Invariant($"{results.MostAtOnce} were answered at once for the mailbox, and {results.Throttled} were ")
            + "answered 429.");
        return text.ToString();
    }

    public static string Instances(InstancesResults results)
    {
        var text = new StringBuilder();
        var rate = results.Contenders.ToDictionary(r => r.Name, r => r.Median);
        text.AppendLine("### Several instances: the pipeline on SQLite and on PostgreSQL").AppendLine();
        text.AppendLine(results.Measurement.Describe()).AppendLine();
        text.AppendLine(Invariant($"Median of {Rounds(results.Contenders)} interleaved rounds, ")
            + Invariant($"batches of {PipelineBench.Batch} posted by {AppPipeline.Clients} clients spread over the ")
            + Invariant($"instances, {InstancesBench.Sessions} sessions for the login over all instances, ")
            + "over STARTTLS: "
            + "first into a sink that accepts every message and discards it (the SmtpServer library in the "
            + "benchmark's process), so the MTA is not what limits the app, then into the harness Postfix, which "
            + "delivers to Maildir. PostgreSQL is a private cluster on this machine with its default "
            + "durability settings (every commit flushed); SQLite runs in WAL mode.").AppendLine();
        AppendRates(text, results.Contenders);

        text.AppendLine().AppendLine("| ratio | value | target |").AppendLine("|---|---|---|");
        void Ratio(string numerator, string denominator, double? target = null)
        {
            if (rate.TryGetValue(numerator, out var top) && rate.TryGetValue(denominator, out var bottom))
            {
                var holds = target is { } least ? Invariant($"≥ {least:F1}: {Holds(top / bottom >= least)}") : "";
                text.AppendLine(Invariant($"| {numerator} ÷ {denominator} | {top / bottom:F3} | {holds} |"));
            }
        }

        const string sink = InstancesBench.IntoSink;
        Ratio(InstancesBench.PostgresThree + sink, InstancesBench.PostgresOne + sink, target: 1.5);
        Ratio(InstancesBench.PostgresOne + sink, InstancesBench.SqliteOne + sink);
        Ratio(InstancesBench.PostgresThree, InstancesBench.PostgresOne);
        Ratio(InstancesBench.PostgresOne, InstancesBench.SqliteOne);
        var sessions = results.Runs.GroupBy(r => r.Contender).Select(g => Invariant($"{g.Key}: {string.Join(", ", g.Select(r => r.SmtpSessions))}"));
        text.AppendLine().AppendLine($"SMTP sessions opened per run (0 when the sessions kept open from the previous run were reused): {string.Join("; ", sessions)}.");
        var busy = results.Runs.GroupBy(r => r.Contender)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(r => Invariant($"{r.MachineBusy * 100:F0} %")))}");
        text.AppendLine().AppendLine("How busy the whole machine was during each run (all cores; the app's instances, "
            + $"PostgreSQL, the MTA or sink and the benchmark's clients share them): {string.Join("; ", busy)}.");
        var samples = results.PropagationMilliseconds.Order().ToList();
        if (samples.Count > 0)
        {
            var median = samples[samples.Count / 2];
            text.AppendLine().AppendLine(Invariant($"A change saved on one of the three PostgreSQL instances, used by a resolve on another ({samples.Count} changes): median {median:F0} ms, slowest {samples[^1]:F0} ms; bound 200 ms {(samples[^1] < 200 ? "holds" : "does not hold")}."));
        }

        return text.ToString();
    }

    public static string Memory(MemoryResults results)
    {
        var text = new StringBuilder();
        double Mb(long bytes) => bytes / 1024.0 / 1024.0;
        var (soon, later) = (MemoryBench.SoonAfter.TotalSeconds, MemoryBench.LaterAfter.TotalSeconds);
        text.AppendLine("### Memory: messages at the 25 MB limit").AppendLine();
        text.AppendLine(results.Measurement.Describe()).AppendLine();
        text.AppendLine(Invariant($"The app as its own process on SQLite; messages with an {MemoryBench.AttachmentBytes / 1_000_000} MB attachment ({Mb(results.MessageBytes):F1} MB as stored and sent) posted as JSON to the API and sent through the harness Postfix. Read from /proc every 50 ms while a phase runs, then {soon:F0} s and {later:F0} s after its last message was Sent: private memory (only the process can give it back) and, in brackets, resident memory, which adds the pages of SQLite's database file the kernel drops when it needs the room. The baseline is the same process idle after one small message: {Mb(results.Idle.PrivateBytes):F0} MB private ({Mb(results.Idle.ResidentBytes):F0} MB resident).")).AppendLine();
        text.AppendLine(Invariant($"| phase | messages | peak | {soon:F0} s after | {later:F0} s after | share of the peak's growth still held {later:F0} s after |")).AppendLine("|---|---|---|---|---|---|");
        string Both(ProcessMemory memory) => Invariant($"{Mb(memory.PrivateBytes):F0} MB ({Mb(memory.ResidentBytes):F0} MB)");
        foreach (var phase in results.Phases)
        {
            text.AppendLine(Invariant($"| {phase.Name} | {phase.Messages} | {Both(phase.Peak)} | {Both(phase.Soon)} | {Both(phase.Later)} | {phase.StillHeld(results.Idle):F2} |"));
        }

        var most = results.Phases.Select(p => p.StillHeld(results.Idle)).DefaultIfEmpty().Max();
        text.AppendLine().AppendLine(Invariant($"Target: {later:F0} s after each phase, less than {MemoryBench.StillHeldTarget:F1} of the private memory it added at its peak is still held; most held {most:F2}: {(most < MemoryBench.StillHeldTarget ? "holds" : "does not hold")}."));
        return text.ToString();
    }

    /// <summary>Each contender's median rate and the rate of every round.</summary>
    private static void AppendRates(StringBuilder text, IReadOnlyList<PipelineBench.Result> contenders)
    {
        text.AppendLine("| contender | messages | messages/s (median) | all rounds |").AppendLine("|---|---|---|---|");
        foreach (var result in contenders)
        {
            text.AppendLine(Invariant($"| {result.Name} | {result.Messages} | {result.Median:F0} | {string.Join(", ", result.Rates.Select(r => r.ToString("F0", CultureInfo.InvariantCulture)))} |"));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
