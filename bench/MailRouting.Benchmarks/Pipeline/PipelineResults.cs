namespace MailRouting.Benchmarks.Pipeline;

/// <summary>
/// The pipeline's raw results: every contender's rate in every round, what each run of the app measured, what each
/// run of the app and of the MailKit loops cost in CPU and allocations, and the runs of the long run that follows
/// (none in results from before they were measured).
/// </summary>
public sealed record PipelineResults(Results.Measurement Measurement, IReadOnlyList<PipelineBench.Result> Contenders,
    IReadOnlyList<PipelineRun> AppRuns, IReadOnlyList<RunCost>? Costs, IReadOnlyList<PipelineRun>? LongRun);
