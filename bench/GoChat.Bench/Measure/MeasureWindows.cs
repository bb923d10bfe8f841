namespace GoChat.Bench.Measure;

/// <summary>
/// Back-to-back measurement windows of one step. W1 measures each rate in several windows so that a lucky window is
/// never the headline: the report shows the median and the worst. A message belongs to the window its send time falls
/// in (so does a duplicate of it); CPU and the probes' counters are sampled on every window edge by a task of their
/// own (<see cref="SampleEdges"/>), so the send loop keeps its schedule.
/// </summary>
public sealed class MeasureWindows
{
    private readonly long _ticks;
    private readonly Slot[] _slots;
    private readonly Edge?[] _edges;

    public MeasureWindows(long start, double seconds, int count)
    {
        if (count < 1) throw new ArgumentException("at least one window");
        Start = start;
        Seconds = seconds;
        _ticks = Clock.SecondsToTicks(seconds);
        _slots = Enumerable.Range(0, count).Select(_ => new Slot()).ToArray();
        _edges = new Edge?[count + 1];
    }

    public long Start { get; }
    public double Seconds { get; }
    public int Count => _slots.Length;
    public long End => Start + _ticks * Count;
    public long StartOf(int window) => Start + _ticks * window;

    /// <summary>The window that <paramref name="at"/> falls in, -1 outside all of them.</summary>
    public int IndexOf(long at) => at < Start || at >= End ? -1 : (int)((at - Start) / _ticks);

    public long SentTotal => _slots.Sum(s => Interlocked.Read(ref s.Sent));
    public long DeliveredTotal => _slots.Sum(s => Interlocked.Read(ref s.Delivered));

    public void Sent(long at)
    {
        if (IndexOf(at) is var i and >= 0) Interlocked.Increment(ref _slots[i].Sent);
    }

    /// <summary>A first delivery: counted and its latency recorded in the window of its send time; false outside all.</summary>
    public bool Delivered(long sentAt, long now) => Delivered(sentAt, sentAt, now);

    /// <summary>The same, with the window chosen by <paramref name="windowAt"/> (the scheduled time) and latency from <paramref name="from"/>.</summary>
    public bool Delivered(long windowAt, long from, long now)
    {
        if (IndexOf(windowAt) is not (var i and >= 0)) return false;
        Interlocked.Increment(ref _slots[i].Delivered);
        _slots[i].Latency.RecordTicks(from, now);
        return true;
    }

    public void Duplicate(long sentAt)
    {
        if (IndexOf(sentAt) is var i and >= 0) Interlocked.Increment(ref _slots[i].Duplicates);
    }

    /// <summary>How late the sender was against its schedule: the worst lag per window shows a client-side stall.</summary>
    public void SendLag(long at, long lagTicks)
    {
        if (IndexOf(at) is not (var i and >= 0)) return;
        var slot = _slots[i];
        long seen;
        while (lagTicks > (seen = Interlocked.Read(ref slot.MaxSendLagTicks)) && Interlocked.CompareExchange(ref slot.MaxSendLagTicks, lagTicks, seen) != seen)
        {
        }
    }

    /// <summary>Every window's latencies as one, for the step's distribution curve.</summary>
    public LatencyRecorder Combined()
    {
        var all = new LatencyRecorder();
        foreach (var s in _slots) all.Add(s.Latency);
        return all;
    }

    public LatencyRecorder Latency(int window) => _slots[window].Latency;

    /// <summary>Samples server CPU, this process's CPU and every probe on each of the Count + 1 edges; ends after the last.</summary>
    public async Task SampleEdges(IReadOnlyList<int> serverPids, IReadOnlyList<IWindowProbe> probes, CancellationToken ct)
    {
        for (var e = 0; e <= Count; e++)
        {
            await Clock.DelayUntilAsync(StartOf(e), ct).ConfigureAwait(false);
            var server = ProcessCpu.Take(serverPids);
            var self = ProcessCpu.Self();
            var values = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var probe in probes)
            {
                foreach (var (name, value) in await probe.Read(ct).ConfigureAwait(false)) values[name] = value;
            }
            _edges[e] = new Edge(server, self, values);
        }
    }

    /// <summary>
    /// Window <paramref name="window"/> (0-based) as a result line numbered from 1. Counters: each probe's change over
    /// the window, the sender's worst lag, and <paramref name="extra"/>'s values for this window.
    /// </summary>
    public WorkloadResult Result(int window, string system, string workload, string parameters, IReadOnlyDictionary<string, double>? extra = null)
    {
        var slot = _slots[window];
        var (from, to) = (_edges[window] ?? throw new InvalidOperationException("edges not sampled"), _edges[window + 1] ?? throw new InvalidOperationException("edges not sampled"));
        var counters = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["client.maxSendLagMs"] = Math.Round(Clock.TicksToMs(Interlocked.Read(ref slot.MaxSendLagTicks)), 1),
        };
        foreach (var (name, end) in to.Probes)
        {
            // A maximum since the previous read is the window's as read on its end edge; the rest are cumulative.
            if (name.EndsWith("Max", StringComparison.Ordinal)) counters[name] = end;
            else if (from.Probes.TryGetValue(name, out var begin)) counters[name] = Math.Round(end - begin, 3);
        }
        foreach (var (name, value) in extra ?? new Dictionary<string, double>()) counters[name] = value;
        var sent = Interlocked.Read(ref slot.Sent);
        var delivered = Interlocked.Read(ref slot.Delivered);
        var l = slot.Latency;
        return new WorkloadResult(system, workload, parameters, sent, delivered, sent - delivered, Interlocked.Read(ref slot.Duplicates),
            Seconds, Math.Round(delivered / Seconds, 1), l.PercentileMs(50), l.PercentileMs(95), l.PercentileMs(99), l.MaxMs,
            Math.Round(ProcessCpu.SecondsBetween(from.Server, to.Server), 3), Math.Round(ProcessCpu.SecondsBetween(from.Self, to.Self), 3),
            Window: window + 1, Counters: counters);
    }

    private sealed class Slot
    {
        public long Sent;
        public long Delivered;
        public long Duplicates;
        public long MaxSendLagTicks;
        public LatencyRecorder Latency { get; } = new();
    }

    private sealed record Edge(ProcessCpu.Sample Server, ProcessCpu.Sample Self, IReadOnlyDictionary<string, double> Probes);
}

/// <summary>
/// Counters read on each window edge. The window's figure is the difference of cumulative ones; a name ending in "Max"
/// is a maximum since the previous read, taken as read on the window's end edge.
/// </summary>
public interface IWindowProbe
{
    Task<IReadOnlyDictionary<string, double>> Read(CancellationToken ct);
}
