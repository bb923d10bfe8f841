using System.Globalization;
using System.Runtime.InteropServices;

namespace GoChat.Bench.Measure;

/// <summary>
/// CPU seconds (user + system) of a set of processes, from /proc/&lt;pid&gt;/stat. With
/// <c>includeChildren</c> the reaped children's time (cutime + cstime) counts too, so PostgreSQL backends that
/// exit inside a window still count through their postmaster, and children forked inside it count from the
/// sample that first sees them (all of their time, since they are new). Take a <see cref="Sample"/> at the start and the
/// end of a window and subtract with <see cref="SecondsBetween"/>.
/// </summary>
public static class ProcessCpu
{
    private const int ScClkTck = 2; // _SC_CLK_TCK on Linux

    /// <summary>USER_HZ: 100 on every Linux, asked of sysconf anyway.</summary>
    public static readonly long ClockTicksPerSecond = ReadClockTicks();

    public sealed record ProcessTimes(int Pid, int ParentPid, ulong StartTime, long Ticks);

    public sealed record Sample(IReadOnlyDictionary<int, ProcessTimes> Processes)
    {
        public double TotalSeconds => (double)Processes.Values.Sum(p => p.Ticks) / ClockTicksPerSecond;
    }

    /// <summary>
    /// The given processes and, with <paramref name="includeChildren"/>, their live children too: PostgreSQL
    /// forks a backend for every connection a pool opens under load, after the pids were listed.
    /// </summary>
    public static Sample Take(IEnumerable<int> pids, bool includeChildren = true)
    {
        var map = new Dictionary<int, ProcessTimes>();
        foreach (int pid in pids.Distinct())
        {
            if (TryRead(pid, includeChildren, out var times))
            {
                map[pid] = times;
            }
        }
        if (includeChildren)
        {
            var parents = map.Keys.ToHashSet();
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out int pid) || map.ContainsKey(pid)) continue;
                if (TryRead(pid, includeChildren: true, out var child) && parents.Contains(child.ParentPid)) map[pid] = child;
            }
        }
        return new Sample(map);
    }

    /// <summary>
    /// CPU seconds spent between two samples. A pid present in both (same start time) counts its increase, a
    /// new pid counts all its time; a pid that vanished and whose parent is in the set had its time moved into
    /// the parent's cutime when reaped, so its earlier reading is subtracted to avoid counting it twice.
    /// </summary>
    public static double SecondsBetween(Sample start, Sample end)
    {
        long ticks = 0;
        foreach (var (pid, e) in end.Processes)
        {
            ticks += start.Processes.TryGetValue(pid, out var s) && s.StartTime == e.StartTime ? e.Ticks - s.Ticks : e.Ticks;
        }
        foreach (var (pid, s) in start.Processes)
        {
            if (!end.Processes.ContainsKey(pid) && end.Processes.ContainsKey(s.ParentPid))
            {
                ticks -= s.Ticks;
            }
        }
        return (double)ticks / ClockTicksPerSecond;
    }

    public static bool TryRead(int pid, bool includeChildren, out ProcessTimes times)
    {
        times = new ProcessTimes(pid, 0, 0, 0);
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
        // "pid (comm) state ppid ..." where comm may hold spaces and parentheses: split after the last ')'.
        int close = text.LastIndexOf(')');
        if (close < 0)
        {
            return false;
        }
        var f = text[(close + 2)..].Split(' ');
        // f[0] is field 3 (state): field n is f[n - 3].
        int ppid = int.Parse(f[1], CultureInfo.InvariantCulture);
        long utime = long.Parse(f[11], CultureInfo.InvariantCulture);
        long stime = long.Parse(f[12], CultureInfo.InvariantCulture);
        long cutime = long.Parse(f[13], CultureInfo.InvariantCulture);
        long cstime = long.Parse(f[14], CultureInfo.InvariantCulture);
        ulong start = ulong.Parse(f[19], CultureInfo.InvariantCulture);
        times = new ProcessTimes(pid, ppid, start, utime + stime + (includeChildren ? cutime + cstime : 0));
        return true;
    }

    /// <summary>This process alone (no children: the bench starts none while measuring).</summary>
    public static Sample Self() => Take([Environment.ProcessId], includeChildren: false);

    private static long ReadClockTicks()
    {
        try
        {
            long v = sysconf(ScClkTck);
            return v > 0 ? v : 100;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return 100;
        }
    }

    [DllImport("libc", EntryPoint = "sysconf")]
    private static extern long sysconf(int name);
}
