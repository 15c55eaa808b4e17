using System.Globalization;

namespace MailRouting.Benchmarks.Results;

/// <summary>
/// Where and on what a part of the benchmark ran: the commit measured (and whether the work tree had uncommitted changes),
/// when, on which machine and with which settings. Every results file starts with one, so a reader can tell what it describes.
/// </summary>
public sealed record Measurement(string Commit, bool UncommittedChanges, DateTime StartedUtc, DateTime FinishedUtc, Machine Machine,
    IReadOnlyDictionary<string, string> Settings)
{
    public static async Task<Measurement> BeginAsync(IReadOnlyDictionary<string, string> settings) => new(
        (await Script.RunAsync("git", ["rev-parse", "HEAD"], Repository.Root)).Trim(),
        (await Script.RunAsync("git", ["status", "--porcelain", "--", "src", "bench/MailRouting.Benchmarks", "bench/peers", "tests/mta"], Repository.Root)).Trim().Length > 0,
        DateTime.UtcNow, DateTime.UtcNow, Machine.This(), settings);

    public Measurement Finished() => this with { FinishedUtc = DateTime.UtcNow };

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"Measured {StartedUtc:yyyy-MM-dd HH:mm} UTC at commit {Commit[..Math.Min(10, Commit.Length)]}{(UncommittedChanges ? " with uncommitted changes" : "")}, {Machine.Describe()}; settings: {string.Join(", ", Settings.Select(s => $"{s.Key} {s.Value}"))}.");
}
