using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using MailRouting.Benchmarks.Instances;
using MailRouting.Benchmarks.Memory;
using MailRouting.Benchmarks.OAuth;
using MailRouting.Benchmarks.Pages;
using MailRouting.Benchmarks.Pipeline;
using MailRouting.Benchmarks.Resolver;
using MailRouting.Benchmarks.Transports;
using MailRouting.Benchmarks.Results;

namespace MailRouting.Benchmarks;

/// <summary>
/// dotnet run -c Release --project bench/MailRouting.Benchmarks --
///   [all|pipeline|oauth|transports|instances|memory|resolver|pages|report]
///   [--messages 5000] [--rounds 3] [--only NAME] [--long-run 100000]
/// Each part measured writes its raw results to bench/results/PART.json; then the tables of docs/performance.md and bench/results/latest.md
/// are generated from those files ("report" only regenerates them).
/// </summary>
public static class BenchmarkProgram
{
    public static async Task Main(string[] args)
    {
        var what = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
        string? Text(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Option(string name, int fallback) => Text(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
        var messages = Option("--messages", 5000);
        var rounds = Option("--rounds", 3);
        var only = Text("--only");
        var longRunMessages = Option("--long-run", only is null ? 100_000 : 0);
        void Progress(string line) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}");

        if (what is "all" or "resolver")
        {
            var measurement = await Measurement.BeginAsync(new Dictionary<string, string> { ["users"] = "10000", ["channels"] = "1000", ["servers"] = "50", ["calls"] = "100000" });
            Progress("resolver: BenchmarkDotNet, in process");
            var config = DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance)
                .WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(15)).WithOptions(ConfigOptions.DisableLogFile);
            var summary = BenchmarkRunner.Run<ResolverBenchmarks>(config);
            Progress("resolver: per-call percentiles");
            var latency = await ResolverLatency.MeasureAsync(100_000);
            await ResultFiles.SaveAsync(new ResolverResults(measurement.Finished(), ResolverMean.From(summary), latency));
        }

        if (what is "all" or "pages")
        {
            var measurement = await Measurement.BeginAsync(new Dictionary<string, string> { ["users"] = "10000", ["channels"] = "10000", ["requests per page"] = "41" });
            Progress("pages: 10,000 users and 10,000 channels");
            var pages = await PageBench.MeasureAsync(41);
            await ResultFiles.SaveAsync(new PageResults(measurement.Finished(), pages));
        }

        if (what is "all" or "pipeline")
        {
            var measurement = await Measurement.BeginAsync(new Dictionary<string, string>
            {
                ["messages"] = messages.ToString(CultureInfo.InvariantCulture), ["rounds"] = rounds.ToString(CultureInfo.InvariantCulture), ["only"] = only ?? "all contenders",
                ["long run"] = longRunMessages.ToString(CultureInfo.InvariantCulture),
            });
            Progress($"pipeline: {messages} messages, {rounds} rounds");
            var (results, appRuns, costs, longRun) = await PipelineBench.RunAsync(
                messages, rounds, 30000, only, longRunMessages, Progress);
            var settings = measurement.Settings.Concat(Peers.Versions.Select(v => KeyValuePair.Create(v.Key, v.Value))).ToDictionary();
            await ResultFiles.SaveAsync(new PipelineResults(
                measurement.Finished() with { Settings = settings }, results, appRuns, costs, longRun));
        }

        if (what is "all" or "oauth")
        {
            var measurement = await Measurement.BeginAsync(new Dictionary<string, string>
            {
                ["messages"] = messages.ToString(CultureInfo.InvariantCulture), ["rounds"] = rounds.ToString(CultureInfo.InvariantCulture),
            });
            Progress($"oauth: XOAUTH2 beside a password, {messages} messages, {rounds} rounds");
            await ResultFiles.SaveAsync(await OAuthBench.RunAsync(measurement, messages, rounds, 31000, Progress));
        }

        if (what is "all" or "transports")
        {
            var measurement = await Measurement.BeginAsync(new Dictionary<string, string>
            {
                ["messages"] = messages.ToString(CultureInfo.InvariantCulture),
                ["rounds"] = rounds.ToString(CultureInfo.InvariantCulture),
            });
            Progress($"transports: Microsoft Graph beside SMTP, {messages} messages, {rounds} rounds");
            await ResultFiles.SaveAsync(await TransportBench.RunAsync(measurement, messages, rounds, 34000, Progress));
        }

        if (what is "all" or "instances")
        {
            var measurement = await Measurement.BeginAsync(new Dictionary<string, string>
            {
                ["messages"] = messages.ToString(CultureInfo.InvariantCulture), ["rounds"] = rounds.ToString(CultureInfo.InvariantCulture),
            });
            Progress($"instances: SQLite and PostgreSQL, one and three instances, {messages} messages, {rounds} rounds");
            await ResultFiles.SaveAsync(await InstancesBench.RunAsync(measurement, messages, rounds, 32000, Progress));
        }

        if (what is "all" or "memory")
        {
            var measurement = await Measurement.BeginAsync(new Dictionary<string, string>
            {
                ["attachment"] = $"{MemoryBench.AttachmentBytes} bytes", ["one after another"] = $"{MemoryBench.OneAfterAnother}", ["at once"] = $"{MemoryBench.AtOnce}",
            });
            Progress("memory: messages at the 25 MB limit, through the API and Postfix");
            await ResultFiles.SaveAsync(await MemoryBench.RunAsync(measurement, 33000, Progress));
        }

        await PerformanceTables.WriteAsync();
        Console.WriteLine(PerformanceTables.Render());
    }
}
