using System.Runtime.InteropServices;
using Perfolizer.Horology;

namespace ZeroDowntime.Migrations.Benchmarks.Serialization;

/// <summary>
/// The CPU time of the measuring thread (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>), for shared machines where other
/// tenants' load makes wall-clock iterations swing by tens of percent; time spent descheduled is not counted.
/// </summary>
public sealed class ThreadCpuClock : IClock
{
    private const int ClockThreadCpuTime = 3;

    public string Title => "ThreadCpuTime";

    public bool IsAvailable => OperatingSystem.IsLinux();

    public Frequency Frequency => Frequency.GHz;

    public long GetTimestamp()
    {
        _ = clock_gettime(ClockThreadCpuTime, out Timespec now);
        return (now.Seconds * 1_000_000_000) + now.Nanoseconds;
    }

    // A plain DllImport: LibraryImport would need unsafe code enabled for the project; the call is outside the timed region's work.
    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int clock_gettime(int clock, out Timespec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
