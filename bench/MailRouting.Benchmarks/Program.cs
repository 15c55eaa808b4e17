using System.Globalization;
using System.Text;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using MailRouting.Benchmarks.Pages;
using MailRouting.Benchmarks.Pipeline;
using MailRouting.Benchmarks.Resolver;

namespace MailRouting.Benchmarks;

/// <summary>
/// dotnet run -c Release --project bench/MailRouting.Benchmarks -- [all|pipeline|resolver|pages] [--messages 5000] [--rounds 3] [--only NAME]
/// Prints a Markdown report and writes it to bench/results/latest.md.
/// </summary>
public static class BenchmarkProgram
{
    public static async Task Main(string[] args)
    {
        var what = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
        int Option(string name, int fallback) =>
            args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
        var messages = Option("--messages", 5000);
        var rounds = Option("--rounds", 3);
        var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault();

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"# MailRouting benchmarks, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        report.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}.");
        void Progress(string line) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}");

        if (what is "all" or "resolver")
        {
            Progress("resolver: BenchmarkDotNet, in process");
            var config = DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance)
                .WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(15)).WithOptions(ConfigOptions.DisableLogFile);
            var summary = BenchmarkRunner.Run<ResolverBenchmarks>(config);
            Progress("resolver: per-call percentiles");
            var latency = await ResolverLatency.MeasureAsync(100_000);
            report.Append(Reports.Resolver(summary, latency));
        }

        if (what is "all" or "pages")
        {
            Progress("pages: 10,000 users and 10,000 channels");
            report.Append(Reports.Pages(await PageBench.MeasureAsync(41)));
        }

        if (what is "all" or "pipeline")
        {
            Progress($"pipeline: {messages} messages, {rounds} rounds");
            report.Append(Reports.Pipeline(await PipelineBench.RunAsync(messages, rounds, 30000, only, Progress), rounds));
        }

        var text = report.ToString();
        Console.WriteLine(text);
        var results = Path.Combine(Repository.Root, "bench", "results");
        Directory.CreateDirectory(results);
        await File.WriteAllTextAsync(Path.Combine(results, what == "all" ? "latest.md" : $"latest-{what}.md"), text);
    }
}
