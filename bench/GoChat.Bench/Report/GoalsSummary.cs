using System.Globalization;
using System.Text;
using GoChat.Bench.Measure;

namespace GoChat.Bench.Report;

/// <summary>
/// The issue's goals checked against this run's own figures: met, or not met and by how much, with the numbers that
/// decide it. Nothing here is a measurement typed in; every value is read from the result lines. Each workload's goals
/// are one function of <see cref="Run"/> in <see cref="Checks"/>: a new workload adds its function there.
/// </summary>
public static class GoalsSummary
{
    /// <summary>What the goal functions read: the run's lines, W1 grouped into steps.</summary>
    public sealed record Run(IReadOnlyList<WorkloadResult> Results, IReadOnlyList<MemoryResult> Memory, IReadOnlyList<W1Step> W1)
    {
        public IEnumerable<WorkloadResult> GoChat(string workloadPrefix) =>
            Results.Where(r => r.System == "gochat" && r.Workload.StartsWith(workloadPrefix, StringComparison.Ordinal));
    }

    private static readonly Func<Run, IEnumerable<string>>[] Checks = [W1, W2, W3, W4, FloodW5, W6, Soak, Integrity];

    public static void Append(StringBuilder md, IReadOnlyList<WorkloadResult> results, IReadOnlyList<MemoryResult> memory)
    {
        var run = new Run(results, memory, W1Step.From(results));
        md.AppendLine("## Goals against this run").AppendLine();
        md.AppendLine("W1 figures are the worst of each step's windows (highest p99, lowest throughput, most CPU per 1,000).").AppendLine();
        foreach (var line in Checks.SelectMany(check => check(run))) md.AppendLine(line);
        md.AppendLine();
    }

    private static IEnumerable<string> W1(Run run)
    {
        var gochat = Steps(run, "gochat", likeWeb: false);
        var split = Steps(run, "gochat-split", likeWeb: false);
        var ejabberd = run.W1.Where(s => s.System == "ejabberd" && !s.RoutingOnly).OrderBy(s => s.Offered).ToList();
        if (gochat.Count > 0)
        {
            var best = Best(gochat, 25);
            yield return AtLeast("W1 durable one-to-one, one process on one core: >= 6,000 msg/s at p99 < 25 ms in the worst window",
                best?.Offered ?? 0, 6_000, "msg/s", $"highest step {Rate(best)}");
            if (best is not null)
            {
                yield return AtMost(F($"W1 <= 0.15 server CPU-seconds per 1,000 delivered, PostgreSQL included, at that step ({best.Offered:N0} msg/s)"),
                    best.WorstCpuPerThousand, 0.15, "CPU-s", F($"{best.WorstCpuPerThousand:F3}"));
            }
            if (Best(Steps(run, "gochat", likeWeb: true), 25) is { } web) yield return F($"- W1 with web-like clients (every message marked read, 20 % typed): highest step under 25 ms {Rate(web)}, {web.WorstCpuPerThousand:F3} CPU-s per 1,000");
        }
        if (split.Count > 0)
        {
            var best = Best(split, 50);
            yield return AtLeast("W1 silo and gateway in separate processes: >= 4,000 msg/s at p99 < 50 ms in the worst window",
                best?.Offered ?? 0, 4_000, "msg/s", $"highest step {Rate(best)}");
            if (Best(Steps(run, "gochat-split", likeWeb: true), 50) is { } web) yield return $"- W1 apart with web-like clients: highest step under 50 ms {Rate(web)}";
        }
        if (gochat.Count > 0 && ejabberd.Count > 0)
        {
            var (g100, e100) = (Best(gochat, 100), Best(ejabberd, 100));
            var ratio = g100 is null || e100 is null ? 0 : g100.WorstRate / e100.WorstRate;
            yield return AtLeast(F($"W1 at least 2x ejabberd's durable rate (highest step under p99 100 ms): GoChat {Rate(g100)}, ejabberd {Rate(e100)}"), ratio, 2, "x", F($"{ratio:F1}x"));
            // Same offered rate for both: the highest that both carried under 100 ms.
            var common = gochat.Select(s => s.Offered).Intersect(ejabberd.Select(s => s.Offered))
                .Where(rate => gochat.Concat(ejabberd).Where(s => s.Offered == rate).All(s => s.WorstP99 < 100)).DefaultIfEmpty().Max();
            if (common > 0)
            {
                var g = gochat.Last(s => s.Offered == common);
                var e = ejabberd.Last(s => s.Offered == common);
                yield return AtMost(F($"W1 lower p99 than ejabberd at the same rate ({common:N0} msg/s)"), g.WorstP99, e.WorstP99, "ms", F($"GoChat {g.WorstP99:F1} ms, ejabberd {e.WorstP99:F1} ms"));
                yield return AtMost(F($"W1 fewer server CPU-seconds per 1,000 delivered at {common:N0} msg/s"), g.WorstCpuPerThousand, e.WorstCpuPerThousand, "CPU-s",
                    F($"GoChat {g.WorstCpuPerThousand:F3}, ejabberd {e.WorstCpuPerThousand:F3}"));
            }
        }
        if (gochat.Count > 0 && Best(run.W1.Where(s => s.System == "relay").ToList(), 100) is { } relay)
        {
            yield return F($"- Stretch: the bare SignalR relay (no Orleans, no database) carried {Rate(relay)} under 100 ms; GoChat reached {(Best(gochat, 100)?.WorstRate ?? 0) / relay.WorstRate:P0} of it");
        }
    }

    private static IEnumerable<string> W2(Run run)
    {
        var plain = run.GoChat("w2").Where(r => Members(r) == 1000 && !r.Parameters.Contains("like-web", StringComparison.Ordinal)).ToList();
        var web = run.GoChat("w2").Where(r => Members(r) == 1000 && r.Parameters.Contains("like-web", StringComparison.Ordinal)).ToList();
        if (plain.Count > 0) yield return AtMost("W2 a 1,000-member group message reaches the last online member in p99 < 50 ms", plain.Max(r => r.P99Ms), 50, "ms", F($"{plain.Max(r => r.P99Ms):F1} ms"));
        if (web.Count > 0)
        {
            var w = web.MaxBy(r => r.P99Ms)!;
            yield return F($"- W2 1,000 members with web-like clients: p99 {w.P99Ms:F1} ms; server CPU-s per 1,000 delivered {w.ServerCpuPerThousand:F3}") +
                (plain.Count > 0 ? F($" (plain {plain.Max(r => r.ServerCpuPerThousand):F3})") : "");
            var pushes = w.Counter("web.receiptPushesPerMessage");
            yield return AtMost("W2 receipts stay linear in a 1,000-member group: receipt pushes per message <= 2 x members (not members squared)", pushes, 2 * 1000, "pushes",
                F($"{pushes:N0} receipt pushes per message"));
        }
    }

    private static IEnumerable<string> W3(Run run)
    {
        var w3 = run.Memory.Where(m => m.System == "gochat").ToList();
        if (w3.Count == 0) yield break;
        var relay = run.Memory.FirstOrDefault(m => m.System == "relay");
        var kb = w3.Max(m => m.KbPerConnection);
        yield return AtMost("W3 <= 20 KB per idle connection at the gateway", kb, 20, "KB", F($"{kb:F1} KB") + (relay is null ? "" : F($" (bare SignalR relay: {relay.KbPerConnection:F1} KB)")));
    }

    private static IEnumerable<string> W4(Run run)
    {
        var w4 = run.GoChat("w4").Where(r => r.Parameters.Contains("missed=10000", StringComparison.Ordinal)).ToList();
        if (w4.Count > 0) yield return AtMost("W4 < 1 s to catch up 10,000 missed messages", w4.Max(r => r.MaxMs), 1000, "ms", F($"slowest of {w4.Count} {w4.Max(r => r.MaxMs):F0} ms"));
    }

    private static IEnumerable<string> FloodW5(Run run)
    {
        var w5 = run.GoChat("w5-flood").ToList();
        if (w5.FirstOrDefault(r => r.Parameters.Contains("flood=off", StringComparison.Ordinal)) is not { } off
            || w5.FirstOrDefault(r => r.Parameters.Contains("flood=on", StringComparison.Ordinal)) is not { } on || off.P99Ms <= 0) yield break;
        var rise = on.P99Ms / off.P99Ms - 1;
        yield return AtMost("W5 one rate-limited user's flood raises the others' p99 by <= 20 %", rise * 100, 20, "%",
            F($"{off.P99Ms:F1} ms without, {on.P99Ms:F1} ms with ({rise:+0%;-0%})"));
    }

    private static IEnumerable<string> W6(Run run)
    {
        var w6 = run.GoChat("w6").ToList();
        if (w6.Count == 0) yield break;
        var slowest = w6.MaxBy(r => r.MaxMs)!;
        yield return AtMost(F($"W6 < 1 s from connect to the full list and every missed message ({slowest.Parameters})"), slowest.MaxMs, 1000, "ms",
            F($"slowest of {w6.Count}: list {slowest.Counter("w6.listMs"):F0} ms, all missed {slowest.Counter("w6.allMissedMs"):F0} ms"));
    }

    private static IEnumerable<string> Soak(Run run)
    {
        var soak = run.Results.Where(r => r.Workload.StartsWith("soak", StringComparison.Ordinal)).ToList();
        if (soak.Count == 0) yield break;
        var (lost, dup) = (soak.Sum(r => r.Lost), soak.Sum(r => r.Duplicates));
        yield return AtMost(F($"Soak: 0 lost, 0 duplicated under {soak.Sum(r => r.Counter("soak.faults")):F0} faults over {soak.Sum(r => r.DurationSeconds) / 60:F0} min"),
            lost + dup, 0, "messages", F($"{soak.Sum(r => r.Sent):N0} acked, {lost} lost, {dup} duplicated"));
    }

    private static IEnumerable<string> Integrity(Run run)
    {
        var gochat = run.Results.Where(r => r.System.StartsWith("gochat", StringComparison.Ordinal)).ToList();
        var lossy = gochat.Count(r => r.Lost > 0 || r.Duplicates > 0);
        yield return AtMost($"No GoChat message lost or delivered twice: {gochat.Count} GoChat result lines", lossy, 0, "lines with any", $"{lossy} with any");
    }

    private static List<W1Step> Steps(Run run, string system, bool likeWeb) =>
        run.W1.Where(s => s.System == system && s.LikeWeb == likeWeb).OrderBy(s => s.Offered).ToList();

    /// <summary>The highest step whose worst window stayed under the bound, with nothing lost.</summary>
    private static W1Step? Best(IEnumerable<W1Step> steps, double p99Bound) =>
        steps.Where(s => s.Holds(p99Bound)).OrderByDescending(s => s.Offered).FirstOrDefault();

    private static int Members(WorkloadResult r) =>
        int.TryParse(new string(r.Parameters.Split(' ').FirstOrDefault(p => p.StartsWith("members=", StringComparison.Ordinal))?[8..].TakeWhile(char.IsDigit).ToArray()),
            CultureInfo.InvariantCulture, out var m) ? m : 0;

    /// <summary>The number after "offered=" in a result's parameters or a curve's file name; 0 if none.</summary>
    public static double OfferedIn(string text)
    {
        var at = text.IndexOf("offered=", StringComparison.Ordinal);
        if (at < 0) return 0;
        var digits = new string(text[(at + 8)..].TakeWhile(char.IsDigit).ToArray());
        return double.TryParse(digits, CultureInfo.InvariantCulture, out var v) ? v : 0;
    }

    private static string Rate(W1Step? s) => s is null ? "none" : F($"{s.Offered:N0} msg/s offered (worst window {s.WorstRate:N0} delivered/s, p99 {s.WorstP99:F1} ms; median p99 {s.Median.P99Ms:F1} ms)");

    private static string AtLeast(string goal, double value, double target, string unit, string figures) =>
        Verdict(goal, figures, value >= target, F($"{target - value:#,0.###} {unit}"));

    private static string AtMost(string goal, double value, double target, string unit, string figures) =>
        Verdict(goal, figures, value <= target, F($"{value - target:#,0.###} {unit}"));

    private static string Verdict(string goal, string figures, bool met, string shortBy) =>
        met ? $"- **met**: {goal}: {figures}" : $"- **not met by {shortBy}**: {goal}: {figures}";

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
