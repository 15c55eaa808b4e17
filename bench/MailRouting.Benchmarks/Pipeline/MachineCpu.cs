using System.Globalization;

namespace MailRouting.Benchmarks.Pipeline;

/// <summary>The whole machine's CPU time so far, all cores, from the first line of /proc/stat (clock ticks).</summary>
public readonly record struct MachineCpu(long Busy, long Total)
{
    public static MachineCpu Read()
    {
        // user nice system idle iowait irq softirq steal; guest time is already counted in user.
        var ticks = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Skip(1).Take(8).Select(field => long.Parse(field, CultureInfo.InvariantCulture)).ToArray();
        var total = ticks.Sum();
        return new MachineCpu(total - ticks[3] - ticks[4], total);
    }

    /// <summary>The share of all cores' time busy between <paramref name="earlier"/> and this reading.</summary>
    public double BusySince(MachineCpu earlier) =>
        Total == earlier.Total ? 0 : (double)(Busy - earlier.Busy) / (Total - earlier.Total);
}
