using MailRouting.Benchmarks.Results;

namespace MailRouting.Benchmarks.Tests;

/// <summary>The README's performance figures are generated from the committed raw results, never typed or edited by hand.</summary>
public sealed class ReadmeTablesTests
{
    [Fact]
    public void Readme_PerformanceTables_AreExactlyWhatTheCommittedResultsGive()
    {
        Assert.NotNull(ResultFiles.Pipeline());
        Assert.NotNull(ResultFiles.Resolver());
        Assert.NotNull(ResultFiles.Pages());
        var current = ReadmeTables.Current();

        Assert.NotNull(current);
        Assert.Equal(ReadmeTables.Render().Trim('\n'), current.Trim('\n'));
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
