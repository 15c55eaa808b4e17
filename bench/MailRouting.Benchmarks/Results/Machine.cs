using System.Globalization;

namespace MailRouting.Benchmarks.Results;

/// <summary>The machine a measurement ran on.</summary>
public sealed record Machine(int Cores, string Cpu, double MemoryGigabytes, string Os, string Runtime)
{
    public static Machine This() => new(Environment.ProcessorCount, CpuModel(), Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024.0 / 1024 / 1024, 1),
        Environment.OSVersion.ToString(), $".NET {Environment.Version}");

    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"{Cores} cores ({Cpu}), {MemoryGigabytes:F0} GB, {Os}, {Runtime}");

    private static string CpuModel() => File.Exists("/proc/cpuinfo")
        ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
        : "unknown CPU";
}
