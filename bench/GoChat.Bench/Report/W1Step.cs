using GoChat.Bench.Measure;

namespace GoChat.Bench.Report;

/// <summary>
/// One W1 rate step of one system: its measurement windows (one result line each; a line measured as one window is a
/// step of its own) read as the median window and the worst. The worst is what goals and the knee are judged on, so a
/// lucky window is never the headline: the highest p99, the lowest throughput and the most CPU per 1,000 of any window.
/// </summary>
public sealed record W1Step(string System, string Parameters, IReadOnlyList<WorkloadResult> Windows)
{
    /// <summary>The window with the median p99 (the lower middle one of an even count).</summary>
    public WorkloadResult Median => Windows.OrderBy(w => w.P99Ms).ElementAt((Windows.Count - 1) / 2);

    /// <summary>The window with the highest p99.</summary>
    public WorkloadResult Worst => Windows.MaxBy(w => w.P99Ms)!;

    public double WorstP99 => Windows.Max(w => w.P99Ms);
    public double WorstRate => Windows.Min(w => w.DeliveredPerSecond);
    public double WorstCpuPerThousand => Windows.Max(w => w.ServerCpuPerThousand);
    public long Lost => Windows.Sum(w => w.Lost);
    public long Duplicates => Windows.Sum(w => w.Duplicates);
    public double Offered => GoalsSummary.OfferedIn(Parameters);
    public bool LikeWeb => Parameters.Contains("like-web", StringComparison.Ordinal);
    public bool RoutingOnly => Parameters.Contains("tier=routing", StringComparison.Ordinal);

    /// <summary>The name of the line this step belongs to in tables and plots.</summary>
    public string Series => System + (RoutingOnly ? " (routing only)" : "") + (LikeWeb ? " (like web)" : "");

    /// <summary>Under the bound in every window, nothing lost in any.</summary>
    public bool Holds(double p99Bound) => WorstP99 < p99Bound && Lost == 0;

    /// <summary>W1 lines grouped into steps, in the order the run measured them.</summary>
    public static IReadOnlyList<W1Step> From(IEnumerable<WorkloadResult> results)
    {
        var steps = new List<W1Step>();
        var open = new Dictionary<(string, string, string), List<WorkloadResult>>();
        foreach (var r in results.Where(r => r.Workload.StartsWith("w1", StringComparison.Ordinal)))
        {
            var key = (r.System, r.Workload, r.Parameters);
            // A window numbered 1 (or an unnumbered line) begins a new step, even at a rate measured before.
            if (r.Window <= 1 || !open.TryGetValue(key, out var windows))
            {
                windows = [];
                open[key] = windows;
                steps.Add(new W1Step(r.System, r.Parameters, windows));
            }
            windows.Add(r);
        }
        return steps;
    }
}
