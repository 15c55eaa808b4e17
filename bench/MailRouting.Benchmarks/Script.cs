using System.Diagnostics;

namespace MailRouting.Benchmarks;

/// <summary>Runs a program to its end and returns what it printed; a failure is an exception with its error output.
/// </summary>
public static class Script
{
    public static async Task<string> RunAsync(string program, IEnumerable<string> arguments,
        string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException(
                $"{program} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}: {await error}");
    }
}
