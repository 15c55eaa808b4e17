using MailRouting.Benchmarks.Pipeline;

namespace MailRouting.Benchmarks.Instances;

/// <summary>The raw results of the instances part: each contender's rate per round, the SMTP sessions of each run, and the propagation samples.</summary>
/// <param name="PropagationMilliseconds">From a save on one instance to a resolve on another that uses it, once per sample.</param>
public sealed record InstancesResults(Results.Measurement Measurement, IReadOnlyList<PipelineBench.Result> Contenders, IReadOnlyList<InstancesResults.Run> Runs,
    IReadOnlyList<double> PropagationMilliseconds)
{
    /// <param name="MachineBusy">The share of all cores' time the whole machine was busy during the run.</param>
    public sealed record Run(string Contender, int SmtpSessions, double MachineBusy);
}
