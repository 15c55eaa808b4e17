using MailRouting.Benchmarks.Results;

namespace MailRouting.Benchmarks.Tests;

/// <summary>The performance figures in docs/performance.md are generated from the committed raw results, never typed or edited by hand.</summary>
public sealed class PerformanceTablesTests
{
    [Fact]
    public void PerformancePage_Tables_AreExactlyWhatTheCommittedResultsGive()
    {
        Assert.NotNull(ResultFiles.Pipeline());
        Assert.NotNull(ResultFiles.Resolver());
        Assert.NotNull(ResultFiles.Pages());
        var current = PerformanceTables.Current();

        Assert.NotNull(current);
        Assert.Equal(PerformanceTables.Render().Trim('\n'), current.Trim('\n'));
    }

    [Fact]
    public void Results_NameTheCommitTheMachineAndTheSettings()
    {
        foreach (var measurement in new[] { ResultFiles.Pipeline()?.Measurement, ResultFiles.Resolver()?.Measurement, ResultFiles.Pages()?.Measurement })
        {
            Assert.NotNull(measurement);
            Assert.Matches("^[0-9a-f]{40}$", measurement.Commit);
            Assert.True(measurement.FinishedUtc > measurement.StartedUtc);
            Assert.True(measurement.Machine.Cores > 0);
            Assert.NotEmpty(measurement.Settings);
        }
    }
}
