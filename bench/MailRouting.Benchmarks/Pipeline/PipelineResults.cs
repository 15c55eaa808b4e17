namespace MailRouting.Benchmarks.Pipeline;

/// <summary>The pipeline's raw results: every contender's rate in every round, and what each run of the app measured.</summary>
public sealed record PipelineResults(Results.Measurement Measurement, IReadOnlyList<PipelineBench.Result> Contenders, IReadOnlyList<PipelineRun> AppRuns);
