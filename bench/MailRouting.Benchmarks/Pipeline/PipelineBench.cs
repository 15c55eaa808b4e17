using System.Globalization;
using MailRouting.Benchmarks.Targets;
using static System.FormattableString;

namespace MailRouting.Benchmarks.Pipeline;

/// <summary>
/// MailRouting's pipeline against the baselines, all into the harness Postfix over STARTTLS + AUTH PLAIN, delivering to
/// Maildir. Every contender runs once per round, interleaved, so the machine's noise falls on all of them; the figure is
/// the median over the rounds. Postfix finishes delivering each run's messages before the next run starts.
/// </summary>
public static class PipelineBench
{
    public sealed record Contender(string Name, int Messages, Func<Workload, Task<TimeSpan>> Run);

    /// <param name="Rates">Messages per second, one per round.</param>
    public sealed record Result(string Name, int Messages, IReadOnlyList<double> Rates)
    {
        public double Median => Rates.Order().ElementAt(Rates.Count / 2);
    }

    public const int Batch = 100;
    public const string PipelineOne = "MailRouting pipeline, 1 session";
    public const string PipelineThree = "MailRouting pipeline, 3 sessions";
    public const string PipelineOneUnbatched = "MailRouting pipeline, 1 session, one POST per message";
    public const string PipelineThreeUnbatched = "MailRouting pipeline, 3 sessions, one POST per message";
    public const string LoopOne = "MailKit loop, 1 connection (ceiling)";
    public const string LoopThree = "MailKit loop, 3 connections (ceiling)";
    public const string Naive = "Connect per message (MailKit)";
    public const string NodeOne = "nodemailer pool, 1 connection";
    public const string NodeThree = "nodemailer pool, 3 connections";
    public const string PhpMailerShipped = "PHPMailer, SMTPKeepAlive, as shipped";
    public const string PhpMailerNoDelay = "PHPMailer, SMTPKeepAlive, tcp_nodelay";

    /// <param name="only">When given, only the contenders whose name contains it.</param>
    /// <param name="longRun">Messages the app sends after the rounds, through 3 sessions in runs of
    /// <paramref name="messages"/>, to show its memory stays flat; 0 for none.</param>
    public static async Task<(IReadOnlyList<Result> Results, IReadOnlyList<PipelineRun> AppRuns,
        IReadOnlyList<RunCost> Costs, IReadOnlyList<PipelineRun> LongRun)> RunAsync(
        int messages, int rounds, int portBase, string? only, int longRun, Action<string> progress)
    {
        await using var mta = await HarnessMta.StartAsync(Repository.Root, portBase);
        await using var app = await AppPipeline.StartAsync();
        var appRuns = new List<PipelineRun>();
        var costs = new List<RunCost>();
        Contender App(string name, int connections, int batch = Batch) => new(name, messages, async work =>
        {
            var run = await app.RunAsync(mta, work, connections, batch);
            appRuns.Add(run);
            costs.Add(new RunCost(name, work.Count, run.Cpu.TotalSeconds, run.AllocatedBytes));
            return run.Elapsed;
        });
        Contender Loop(string name, int connections) => new(name, messages, async workload =>
        {
            var built = MailKitLoops.Build(workload);
            var (elapsed, cpu, allocated) =
                await ProcessCost.OfThisProcessAsync(() => MailKitLoops.PooledAsync(mta, built, connections));
            costs.Add(new RunCost(name, workload.Count, cpu.TotalSeconds, allocated));
            return elapsed;
        });

        Contender[] contenders =
        [
            App(PipelineOne, 1),
            App(PipelineThree, 3),
            App(PipelineOneUnbatched, 1, batch: 1),
            App(PipelineThreeUnbatched, 3, batch: 1),
            Loop(LoopOne, 1),
            Loop(LoopThree, 3),
            // The slow contenders send fewer messages: their rate is steady long before 5,000.
            new(Naive, Math.Min(messages, 1000), w => MailKitLoops.ConnectPerMessageAsync(mta, w)),
            new(NodeOne, Math.Min(messages, 2000), w => Peers.NodemailerPoolAsync(mta, w, 1)),
            new(NodeThree, Math.Min(messages, 2000), w => Peers.NodemailerPoolAsync(mta, w, 3)),
            new(PhpMailerShipped, Math.Min(messages, 500), w => Peers.PhpMailerKeepAliveAsync(mta, w, noDelay: false)),
            new(PhpMailerNoDelay, Math.Min(messages, 2000), w => Peers.PhpMailerKeepAliveAsync(mta, w, noDelay: true)),
        ];

        contenders = [.. contenders.Where(c => only is null || c.Name.Contains(only, StringComparison.OrdinalIgnoreCase))];
        var results = await InterleaveAsync(mta.DrainAsync, contenders, messages, rounds, progress, afterWarmUp: () =>
        {
            appRuns.Clear();
            costs.Clear();
        });
        var longRuns = new List<PipelineRun>();
        for (var sent = 0; sent < longRun; sent += messages)
        {
            longRuns.Add(await app.RunAsync(mta, new Workload(messages, $"long-{sent}"), 3, Batch));
            await mta.DrainAsync(messages);
            var privateMemory = longRuns[^1].PrivateBytes / 1024 / 1024;
            progress(Invariant($"long run: {sent + messages} messages, private memory {privateMemory} MB"));
        }

        return (results, appRuns, costs, longRuns);
    }

    /// <summary>Warms every contender up, then runs each once per round, interleaved; the rates of the rounds only.</summary>
    /// <param name="afterWarmUp">Called once the warm-up is over, to forget what it measured.</param>
    /// <param name="drain">Waits until a contender's messages have arrived where they went, and forgets them.</param>
    public static async Task<IReadOnlyList<Result>> InterleaveAsync(Func<int, Task> drain,
        IReadOnlyList<Contender> contenders, int messages, int rounds, Action<string> progress, Action afterWarmUp)
    {
        progress("warming up (1,000 messages each, 200 for the slow ones)");
        foreach (var (contender, index) in contenders.Select((c, i) => (c, i)))
        {
            var warm = contender.Messages < messages ? 200 : Math.Min(1000, messages);
            await contender.Run(new Workload(warm, $"warm-{index}"));
            await drain(warm);
        }

        afterWarmUp();
        var rates = contenders.ToDictionary(c => c.Name, _ => new List<double>());
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var (contender, index) in contenders.Select((c, i) => (c, i)))
            {
                var elapsed = await contender.Run(new Workload(contender.Messages, $"r{round}-{index}"));
                await drain(contender.Messages);
                var rate = contender.Messages / elapsed.TotalSeconds;
                rates[contender.Name].Add(rate);
                progress(string.Create(CultureInfo.InvariantCulture, $"round {round}: {contender.Name}: {rate:F0} messages/s"));
            }
        }

        return [.. contenders.Select(c => new Result(c.Name, c.Messages, rates[c.Name]))];
    }
}
