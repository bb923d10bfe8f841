using System.Diagnostics;
using HdrHistogram;

namespace GoChat.Bench.Measure;

/// <summary>
/// Thread-safe latency recording with percentiles, on HdrHistogram (microsecond resolution, 3 significant
/// digits, 1 µs .. 1 hour). Record from any thread; read percentiles after the recording threads are done.
/// Latencies come from <see cref="Stopwatch.GetTimestamp"/> differences: the senders and receivers of a workload
/// live in this one process, so one monotonic clock timestamps both ends.
/// HdrHistogram's percentile walk throws if a value lands while it iterates, so reading freezes the recorder
/// first: values recorded after the first read are dropped (and counted in <see cref="DroppedAfterFreeze"/>).
/// </summary>
public sealed class LatencyRecorder
{
    private const long HighestMicros = 3_600_000_000L;
    private readonly LongConcurrentHistogram _histogram = new(1, HighestMicros, 3);
    private long _overflow;
    private int _frozen;
    private int _inFlight;
    private long _dropped;

    /// <summary>Records the time between two <see cref="Stopwatch.GetTimestamp"/> readings.</summary>
    public void RecordTicks(long startTimestamp, long endTimestamp) =>
        RecordMicros(Clock.TicksToMicros(endTimestamp - startTimestamp));

    public void RecordMicros(long micros)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            if (Volatile.Read(ref _frozen) != 0)
            {
                Interlocked.Increment(ref _dropped);
                return;
            }
            Record(micros);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>Stops recording and waits for recordings in progress; reads call it themselves.</summary>
    public void Freeze()
    {
        if (Interlocked.Exchange(ref _frozen, 1) == 0)
        {
            var spin = new SpinWait();
            while (Volatile.Read(ref _inFlight) != 0)
            {
                spin.SpinOnce();
            }
        }
    }

    /// <summary>Adds another recorder's values (frozen first, so none is missed): several phases read as one.</summary>
    public void Add(LatencyRecorder other)
    {
        other.Freeze();
        _histogram.Add(other._histogram);
    }

    public long DroppedAfterFreeze => Interlocked.Read(ref _dropped);

    private void Record(long micros)
    {
        if (micros < 1)
        {
            micros = 1;
        }
        else if (micros > HighestMicros)
        {
            Interlocked.Increment(ref _overflow);
            micros = HighestMicros;
        }
        _histogram.RecordValue(micros);
    }

    public long Count
    {
        get
        {
            Freeze();
            return _histogram.TotalCount;
        }
    }

    /// <summary>Values clamped at the top of the range (one hour): should stay 0.</summary>
    public long Overflow => Interlocked.Read(ref _overflow);

    /// <summary>The latency at <paramref name="percentile"/> (0..100), in milliseconds; 0 with no samples.</summary>
    public double PercentileMs(double percentile) =>
        Count == 0 ? 0 : _histogram.GetValueAtPercentile(percentile) / 1000.0;

    public double MaxMs => Count == 0 ? 0 : _histogram.GetMaxValue() / 1000.0;

    public double MeanMs => Count == 0 ? 0 : _histogram.GetMean() / 1000.0;

    public override string ToString() =>
        $"n={Count} p50={PercentileMs(50):F2}ms p95={PercentileMs(95):F2}ms p99={PercentileMs(99):F2}ms " +
        $"max={MaxMs:F2}ms mean={MeanMs:F2}ms";
}

/// <summary>The one monotonic clock of the bench: <see cref="Stopwatch"/> timestamps.</summary>
public static class Clock
{
    private static readonly double MicrosPerTick = 1_000_000.0 / Stopwatch.Frequency;

    public static long Now => Stopwatch.GetTimestamp();

    public static long TicksToMicros(long ticks) => (long)(ticks * MicrosPerTick);

    public static double TicksToMs(long ticks) => ticks * MicrosPerTick / 1000.0;

    public static double TicksToSeconds(long ticks) => (double)ticks / Stopwatch.Frequency;

    public static long SecondsToTicks(double seconds) => (long)(seconds * Stopwatch.Frequency);

    /// <summary>Waits until the clock reaches <paramref name="timestamp"/> or a little later (1 ms timer granularity).</summary>
    public static async Task DelayUntilAsync(long timestamp, CancellationToken ct)
    {
        long remaining = timestamp - Now;
        if (remaining > 0)
        {
            // Task.Delay truncates to whole milliseconds, and 0 ms completes at once: round up, or a wait under
            // 1 ms becomes a busy loop.
            int ms = (int)Math.Ceiling(TicksToMs(remaining));
            await Task.Delay(Math.Max(1, ms), ct).ConfigureAwait(false);
        }
    }
}
