using System.Runtime.InteropServices;

namespace MailRouting.Outbox;

/// <summary>
/// Gives the memory of large messages back to the system once they are handled. The garbage collector keeps the space
/// of freed large objects committed for later use, and glibc keeps what the database driver's blob buffers took, so a
/// process that accepted and sent a few 25 MB messages held several hundred MB for good. A collection that compacts and
/// decommits costs some milliseconds, so it runs only after a message of at least <see cref="Threshold"/> bytes: once
/// such messages have stopped coming for <see cref="Quiet"/>, or at once when <see cref="Backlog"/> bytes of them came
/// since the last time (the collector's own budget lets a steady stream of them take a gigabyte). The buffers that pools
/// keep for reuse (the request blocks of the web server, the JSON reader's) are let go only once they sat unused for a
/// while, and then still need a collection: one more runs <see cref="Aged"/> after the last.
/// </summary>
public sealed class LargeMessageMemory : IDisposable
{
    public const int Threshold = 4 * 1024 * 1024;
    public const long Backlog = 128L * 1024 * 1024;
    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan Aged = TimeSpan.FromSeconds(70);

    private readonly ITimer timer;
    private long handled;
    private int agedReturnDue;
    private int returns;

    public LargeMessageMemory(TimeProvider time) =>
        timer = time.CreateTimer(_ => Return(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    /// <summary>How many times memory was given back since the start.</summary>
    public int Returns => Volatile.Read(ref returns);

    /// <summary>A message of this many bytes was accepted, sent or copied.</summary>
    public void Handled(long bytes)
    {
        if (bytes >= Threshold)
        {
            Volatile.Write(ref agedReturnDue, 1);
            timer.Change(Interlocked.Add(ref handled, bytes) >= Backlog ? TimeSpan.Zero : Quiet, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose() => timer.Dispose();

    private void Return()
    {
        Interlocked.Exchange(ref handled, 0);
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        Interlocked.Increment(ref returns);
        if (OperatingSystem.IsLinux())
        {
            TrimNativeHeap();
        }

        if (Interlocked.Exchange(ref agedReturnDue, 0) == 1)
        {
            timer.Change(Aged, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>glibc's malloc_trim; other C libraries (musl) have none and give freed memory back by themselves.</summary>
    private static void TrimNativeHeap()
    {
        try
        {
            _ = MallocTrim(0);
        }
        catch (EntryPointNotFoundException)
        {
        }
        catch (DllNotFoundException)
        {
        }
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MallocTrim(nuint pad);
}
