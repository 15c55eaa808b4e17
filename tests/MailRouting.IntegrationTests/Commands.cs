using System.Diagnostics;

namespace MailRouting.IntegrationTests;

/// <summary>Runs a program to its end, within a deadline, and returns its exit code and everything it printed.</summary>
public static class Commands
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string program, IEnumerable<string> arguments, string? workingDirectory = null,
        TimeSpan? deadline = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? "" };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(deadline ?? TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', start.ArgumentList)} did not end within {(deadline ?? TimeSpan.FromMinutes(5)).TotalSeconds} s.");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
