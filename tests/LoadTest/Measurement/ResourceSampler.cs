namespace Instagram.LoadTest.Measurement;

/// <summary>
/// CPU and memory of this process over one measured run and, with --server-pid, of the server process too (read
/// from /proc, so an Api started separately is accounted for).
/// </summary>
public sealed class ResourceSampler
{
    private readonly Process _self = Process.GetCurrentProcess();
    private readonly int? _serverPid;
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly TimeSpan _cpuAtStart;
    private readonly long _allocatedAtStart = GC.GetTotalAllocatedBytes();
    private readonly int[] _collectionsAtStart = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
    private readonly double? _serverCpuAtStart;
    private readonly TimeSpan _gcPauseAtStart = GC.GetTotalPauseDuration();
    private readonly long _lockContentionsAtStart = Monitor.LockContentionCount;
    private readonly (long Busy, long Total)? _machineAtStart = ProcStat.MachineJiffies();
    private long _maxThreadPoolQueue;
    private int _maxThreads;
    private long _peakWorkingSet;
    private long _serverPeakRss;

    public ResourceSampler(int? serverPid)
    {
        _serverPid = serverPid;
        _self.Refresh();
        _cpuAtStart = _self.TotalProcessorTime;
        _serverCpuAtStart = serverPid is { } pid ? ProcStat.CpuSeconds(pid) : null;
        Sample();
    }

    public void Sample()
    {
        _maxThreadPoolQueue = Math.Max(_maxThreadPoolQueue, ThreadPool.PendingWorkItemCount);
        _maxThreads = Math.Max(_maxThreads, ThreadPool.ThreadCount);
        _self.Refresh();
        _peakWorkingSet = Math.Max(_peakWorkingSet, _self.WorkingSet64);
        if (_serverPid is { } pid && ProcStat.RssBytes(pid) is { } rss)
        {
            _serverPeakRss = Math.Max(_serverPeakRss, rss);
        }
    }

    public ResourceUsage Finish()
    {
        Sample();
        var wall = Stopwatch.GetElapsedTime(_started).TotalSeconds;
        var cpu = (_self.TotalProcessorTime - _cpuAtStart).TotalSeconds;
        var gcPause = (GC.GetTotalPauseDuration() - _gcPauseAtStart).TotalSeconds;
        double? machineBusy = null;
        if (_machineAtStart is { } m0 && ProcStat.MachineJiffies() is { } m1 && m1.Total > m0.Total)
        {
            machineBusy = Environment.ProcessorCount * (double)(m1.Busy - m0.Busy) / (m1.Total - m0.Total);
        }

        double? serverCpu = _serverPid is { } pid && _serverCpuAtStart is { } before && ProcStat.CpuSeconds(pid) is { } after ? after - before : null;
        return new ResourceUsage(
            WallSeconds: wall,
            CpuSeconds: cpu,
            CpuCoresUsed: wall > 0 ? cpu / wall : 0,
            CpuPercentOfMachine: wall > 0 ? 100 * cpu / wall / Environment.ProcessorCount : 0,
            PeakWorkingSetBytes: _peakWorkingSet,
            GcHeapBytes: GC.GetGCMemoryInfo().HeapSizeBytes,
            AllocatedBytes: GC.GetTotalAllocatedBytes() - _allocatedAtStart,
            Gen0Collections: GC.CollectionCount(0) - _collectionsAtStart[0],
            Gen1Collections: GC.CollectionCount(1) - _collectionsAtStart[1],
            Gen2Collections: GC.CollectionCount(2) - _collectionsAtStart[2],
            ServerCpuSeconds: serverCpu,
            ServerCpuCoresUsed: serverCpu is { } s && wall > 0 ? s / wall : null,
            ServerPeakRssBytes: _serverPid is null ? null : _serverPeakRss,
            GcPauseSeconds: gcPause,
            GcPausePercent: wall > 0 ? 100 * gcPause / wall : 0,
            LockContentions: Monitor.LockContentionCount - _lockContentionsAtStart,
            MaxThreadPoolQueue: _maxThreadPoolQueue,
            MaxThreadPoolThreads: _maxThreads,
            MachineBusyCores: machineBusy,
            LoadAverage: ProcStat.LoadAverage());
    }

    /// <summary>Reads another process's CPU time and resident memory from /proc (Linux).</summary>
    private static class ProcStat
    {
        private const double ClockTicksPerSecond = 100; // USER_HZ on Linux

        public static double? CpuSeconds(int pid)
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                // Fields after the command name (which may hold spaces) start at the last ')'.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
                var stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
                return (utime + stime) / ClockTicksPerSecond;
            }
            catch (IOException)
            {
                return null;
            }
        }

        /// <summary>Busy and total jiffies of the whole machine (first line of /proc/stat).</summary>
        public static (long Busy, long Total)? MachineJiffies()
        {
            try
            {
                var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                    .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
                var total = fields.Take(8).Sum();
                var idle = fields[3] + fields[4];
                return (total - idle, total);
            }
            catch (IOException)
            {
                return null;
            }
        }

        /// <summary>The one-minute load average.</summary>
        public static double? LoadAverage()
        {
            try
            {
                return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                return null;
            }
        }

        public static long? RssBytes(int pid)
        {
            try
            {
                var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
                return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1_024;
            }
            catch (IOException)
            {
                return null;
            }
        }
    }
}

public sealed record ResourceUsage(
    double WallSeconds,
    double CpuSeconds,
    double CpuCoresUsed,
    double CpuPercentOfMachine,
    long PeakWorkingSetBytes,
    long GcHeapBytes,
    long AllocatedBytes,
    int Gen0Collections,
    int Gen1Collections,
    int Gen2Collections,
    double? ServerCpuSeconds,
    double? ServerCpuCoresUsed,
    long? ServerPeakRssBytes,
    double GcPauseSeconds,
    double GcPausePercent,
    long LockContentions,
    long MaxThreadPoolQueue,
    int MaxThreadPoolThreads,
    double? MachineBusyCores,
    double? LoadAverage)
{
    /// <summary>Cores other processes kept busy meanwhile (the machine's busy cores minus this process and the server process).</summary>
    public double? OtherProcessesCores => MachineBusyCores is { } busy ? Math.Max(0, busy - CpuCoresUsed - (ServerCpuCoresUsed ?? 0)) : null;
}
