using System.Globalization;

namespace MailRouting.Benchmarks.Memory;

/// <summary>
/// A process's resident memory as Linux counts it (/proc/PID/status): private (anonymous) pages, which only the process
/// can give back, and pages of files it maps (SQLite maps its database file), which the kernel can drop at any time.
/// </summary>
public sealed record ProcessMemory(long ResidentBytes, long PrivateBytes, long FileBytes)
{
    public static ProcessMemory Of(int processId)
    {
        var status = File.ReadLines($"/proc/{processId}/status")
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2 && parts[1].TrimEnd().EndsWith(" kB", StringComparison.Ordinal))
            .ToDictionary(parts => parts[0], parts => long.Parse(parts[1].Trim()[..^3], CultureInfo.InvariantCulture) * 1024);
        return new ProcessMemory(status["VmRSS"], status["RssAnon"], status["RssFile"]);
    }

    /// <summary>Reads the process's memory every 50 ms until <paramref name="work"/> ends; the highest private and resident memory seen.</summary>
    public static async Task<ProcessMemory> PeakDuringAsync(int processId, Task work)
    {
        var peak = Of(processId);
        while (await Task.WhenAny(work, Task.Delay(50)) != work)
        {
            var now = Of(processId);
            peak = new ProcessMemory(Math.Max(peak.ResidentBytes, now.ResidentBytes), Math.Max(peak.PrivateBytes, now.PrivateBytes), Math.Max(peak.FileBytes, now.FileBytes));
        }

        await work;
        return peak;
    }
}
