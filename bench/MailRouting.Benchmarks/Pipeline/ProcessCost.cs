using System.Diagnostics;
using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;

namespace MailRouting.Benchmarks.Pipeline;

/// <summary>What a contender's run cost the process that did the work:
/// its CPU time and the bytes it allocated.</summary>
public sealed record RunCost(string Contender, int Messages, double CpuSeconds, long AllocatedBytes)
{
    public double CpuMillisecondsPerMessage => CpuSeconds * 1000 / Messages;

    public double AllocatedKilobytesPerMessage => AllocatedBytes / 1024.0 / Messages;
}

/// <summary>
/// Watches another .NET process's CPU time (from the OS) and allocations: the runtime reports an allocation tick for
/// about every 100 KB a process allocates, with the amount; their sum, read over the process's diagnostic port, is
/// what it allocated.
/// </summary>
public sealed class ProcessCost : IDisposable
{
    private readonly Process process;
    private readonly EventPipeSession session;
    private readonly Task reading;
    private long allocated;

    private ProcessCost(Process process)
    {
        this.process = process;
        var gc = new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Verbose,
            (long)ClrTraceEventParser.Keywords.GC);
        session = new DiagnosticsClient(process.Id).StartEventPipeSession([gc], requestRundown: false);
        var events = new EventPipeEventSource(session.EventStream);
        events.Clr.GCAllocationTick += tick => Interlocked.Add(ref allocated, tick.AllocationAmount64);
        reading = Task.Run(events.Process);
    }

    public static ProcessCost Watch(Process process) => new(process);

    /// <summary>The elapsed time, CPU time and allocations of work done in this process.</summary>
    public static async Task<(TimeSpan Elapsed, TimeSpan Cpu, long Allocated)> OfThisProcessAsync(
        Func<Task<TimeSpan>> work)
    {
        using var self = Process.GetCurrentProcess();
        var (cpu, allocated) = (self.TotalProcessorTime, GC.GetTotalAllocatedBytes(precise: true));
        var elapsed = await work();
        self.Refresh();
        return (elapsed, self.TotalProcessorTime - cpu, GC.GetTotalAllocatedBytes(precise: true) - allocated);
    }

    /// <summary>CPU time and bytes allocated so far;
    /// the runtime sends its events in batches, so read once the process is idle.</summary>
    public async Task<(TimeSpan Cpu, long Allocated)> ReadAsync()
    {
        // Events reach the session within a flush interval; a quiet process has nothing more in flight after it.
        await Task.Delay(TimeSpan.FromSeconds(1));
        process.Refresh();
        return (process.TotalProcessorTime, Interlocked.Read(ref allocated));
    }

    public void Dispose()
    {
        session.Stop();
        reading.Wait(TimeSpan.FromSeconds(10));
        session.Dispose();
    }
}
