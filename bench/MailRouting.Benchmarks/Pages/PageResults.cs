namespace MailRouting.Benchmarks.Pages;

/// <summary>The admin pages' raw results.</summary>
public sealed record PageResults(Results.Measurement Measurement, IReadOnlyList<PageBench.PageResult> Pages);
