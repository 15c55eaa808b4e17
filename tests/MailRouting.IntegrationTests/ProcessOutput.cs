using System.Diagnostics;
using System.Text;

namespace MailRouting.IntegrationTests;

/// <summary>Everything a started process writes to its console, collected as it comes, so a failure can quote it.</summary>
public sealed class ProcessOutput
{
    private readonly StringBuilder text = new();

    /// <summary>Starts reading both streams of a process started with redirected output.</summary>
    public static ProcessOutput Of(Process process)
    {
        var output = new ProcessOutput();
        process.OutputDataReceived += (_, line) => output.Append(line.Data);
        process.ErrorDataReceived += (_, line) => output.Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return output;
    }

    public override string ToString()
    {
        lock (text)
        {
            return text.ToString();
        }
    }

    private void Append(string? line)
    {
        lock (text)
        {
            text.AppendLine(line);
        }
    }
}
