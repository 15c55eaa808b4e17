using BenchmarkDotNet.Reports;

namespace MailRouting.Benchmarks.Resolver;

/// <summary>The resolver's raw results: BenchmarkDotNet's mean per call and allocations, and the per-call percentiles.</summary>
public sealed record ResolverResults(Results.Measurement Measurement, IReadOnlyList<ResolverMean> Means, IReadOnlyList<ResolverLatency.Percentiles> Latency);

public sealed record ResolverMean(string Case, bool Baseline, double MeanNanoseconds, long? AllocatedBytes)
{
    public static IReadOnlyList<ResolverMean> From(Summary summary) =>
    [
        .. summary.Reports.Select(report => new ResolverMean(
            report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\''),
            report.BenchmarkCase.Descriptor.Baseline,
            report.ResultStatistics?.Mean ?? double.NaN,
            report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase))),
    ];
}
