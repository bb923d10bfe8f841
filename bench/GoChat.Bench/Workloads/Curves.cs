using System.Globalization;
using GoChat.Bench.Measure;

namespace GoChat.Bench.Workloads;

/// <summary>The latency distribution of one result as percentile,ms rows, for the report's plots.</summary>
public static class Curves
{
    public static readonly double[] Percentiles = [0, 10, 20, 30, 40, 50, 60, 70, 75, 80, 85, 90, 95, 97.5, 99, 99.5, 99.9, 99.99, 100];

    public static void Write(string? dir, WorkloadResult result, LatencyRecorder latency)
    {
        if (string.IsNullOrEmpty(dir) || latency.Count == 0) return;
        Directory.CreateDirectory(dir);
        var name = string.Concat($"{result.System}_{result.Workload}_{result.Parameters}".Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '=' ? c : '_'));
        var lines = Percentiles.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p},{(p == 100 ? latency.MaxMs : latency.PercentileMs(p))}"));
        File.WriteAllLines(Path.Combine(dir, name + ".csv"), ["percentile,ms", .. lines]);
    }
}
