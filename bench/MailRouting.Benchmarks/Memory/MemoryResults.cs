namespace MailRouting.Benchmarks.Memory;

/// <summary>The raw results of the memory part.</summary>
/// <param name="MessageBytes">The size of one message as stored and sent (its MIME).</param>
/// <param name="Idle">The app after a small message, before any large one.</param>
public sealed record MemoryResults(Results.Measurement Measurement, long MessageBytes, ProcessMemory Idle, IReadOnlyList<MemoryResults.Phase> Phases)
{
    /// <param name="Peak">The highest memory while the phase ran, read every 50 ms.</param>
    /// <param name="Soon">Memory <see cref="MemoryBench.SoonAfter"/> after the phase's last message was Sent.</param>
    /// <param name="Later">Memory <see cref="MemoryBench.LaterAfter"/> after it.</param>
    public sealed record Phase(string Name, int Messages, ProcessMemory Peak, ProcessMemory Soon, ProcessMemory Later)
    {
        /// <summary>How much of what the phase added to private memory at its peak is still held later.</summary>
        public double StillHeld(ProcessMemory idle) => (Later.PrivateBytes - idle.PrivateBytes) / (double)(Peak.PrivateBytes - idle.PrivateBytes);
    }
}
