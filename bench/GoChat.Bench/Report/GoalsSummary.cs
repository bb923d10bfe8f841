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

    private static readonly Func<Run, IEnumerable<string>>[] Checks = [W1, W2, W3, W4, ConnectionsW5, BigW2, W6, SlowW7, FloodW8, Soak, Integrity];

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
        var w3 = run.Memory.Where(m => m.System == "gochat" && m.Workload.StartsWith("w3", StringComparison.Ordinal)).ToList();
        if (w3.Count == 0) yield break;
        var relay = run.Memory.FirstOrDefault(m => m.System == "relay" && m.Workload.StartsWith("w3", StringComparison.Ordinal));
        var kb = w3.Max(m => m.KbPerConnection);
        yield return AtMost("W3 <= 20 KB per idle connection at the gateway", kb, 20, "KB", F($"{kb:F1} KB") + (relay is null ? "" : F($" (bare SignalR relay: {relay.KbPerConnection:F1} KB)")));
    }

    private static IEnumerable<string> W4(Run run)
    {
        var w4 = run.GoChat("w4").Where(r => r.Parameters.Contains("missed=10000", StringComparison.Ordinal)).ToList();
        if (w4.Count > 0) yield return AtMost("W4 < 1 s to catch up 10,000 missed messages", w4.Max(r => r.MaxMs), 1000, "ms", F($"slowest of {w4.Count} {w4.Max(r => r.MaxMs):F0} ms"));
    }

    /// <summary>Issue 13: W5 holds 50,000 idle connections on one gateway, lean, without slowing the 1:1 pairs.</summary>
    private static IEnumerable<string> ConnectionsW5(Run run)
    {
        var memory = run.Memory.Where(m => m.System == "gochat" && m.Workload.StartsWith("w5", StringComparison.Ordinal)).OrderBy(m => m.Connections).ToList();
        if (memory.Count == 0) yield break;
        var (small, large) = (memory[0], memory[^1]);
        // The stage is named by what was asked for; a capped one says so in its parameters.
        var cap = ParameterValue(large.Parameters, "capped-from") is { } asked
            ? F($" (asked {asked}: one process may open {ParameterValue(large.Parameters, "by-open-file-limit")} files here, so one gateway holds no more)")
            : "";
        var at50k = large.Connections >= 50_000;
        yield return AtLeast(F($"W5 50,000 idle connections on one gateway{cap}"), large.Connections, 50_000, "connections", F($"{large.Connections:N0} held"));
        yield return AtMost(F($"W5 <= 20 KB per idle connection on one gateway, at {large.Connections:N0} connections{(at50k ? "" : " (below 50,000)")}"), large.KbPerConnection, 20, "KB",
            F($"{large.KbPerConnection:F1} KB at {large.Connections:N0}, {small.KbPerConnection:F1} KB at {small.Connections:N0}"));
        var w5 = run.GoChat("w5").ToList();
        var p99Small = w5.FirstOrDefault(r => r.Parameters.Contains(F($"open={small.Connections} "), StringComparison.Ordinal));
        var p99Large = w5.FirstOrDefault(r => r.Parameters.Contains(F($"open={large.Connections} "), StringComparison.Ordinal));
        if (p99Small is null || p99Large is null || p99Small.P99Ms <= 0) yield break;
        var rise = p99Large.P99Ms / p99Small.P99Ms - 1;
        yield return AtMost(F($"W5 1:1 p99 at {large.Connections:N0} connections within 20 % of p99 at {small.Connections:N0}{(at50k ? "" : " (below 50,000)")}"), rise * 100, 20, "%",
            F($"{p99Small.P99Ms:F1} ms at {small.Connections:N0}, {p99Large.P99Ms:F1} ms at {large.Connections:N0} ({rise:+0%;-0%})"));
    }

    /// <summary>Issue 13: a 10,000-member group, half online, with what one message costs the servers.</summary>
    private static IEnumerable<string> BigW2(Run run)
    {
        foreach (var r in run.GoChat("w2").Where(r => Members(r) == 10_000))
        {
            var cost = ParameterValue(r.Parameters, "orleans-msgs/msg") is { } o
                ? $"; per message sent: {o} Orleans messages ({ParameterValue(r.Parameters, "orleans-network/msg")} over the network), {ParameterValue(r.Parameters, "pushes/msg")} SignalR pushes"
                : "";
            yield return AtMost(F($"W2 10,000 members ({ParameterValue(r.Parameters, "online") ?? "all"} online): < 500 ms to the last online member, nothing lost"),
                r.Lost > 0 ? double.PositiveInfinity : r.P99Ms, 500, "ms", F($"p99 {r.P99Ms:F0} ms, max {r.MaxMs:F0} ms, {r.Lost} lost{cost}"));
        }
    }

    /// <summary>Issue 13: members who stop reading slow nobody else and lose nothing.</summary>
    private static IEnumerable<string> SlowW7(Run run)
    {
        var w7 = run.GoChat("w7").ToList();
        if (w7.FirstOrDefault(r => r.Parameters.Contains("slow=0 ", StringComparison.Ordinal)) is not { } without
            || w7.FirstOrDefault(r => !r.Parameters.Contains("slow=0 ", StringComparison.Ordinal)) is not { } with || without.P99Ms <= 0) yield break;
        var rise = with.P99Ms / without.P99Ms - 1;
        var lost = without.Lost + with.Lost + without.Duplicates + with.Duplicates;
        yield return AtMost(F($"W7 {ParameterValue(with.Parameters, "slow")} of {ParameterValue(with.Parameters, "members")} members stop reading: the others' p99 within 20 % of the run without them, nothing lost"),
            lost > 0 ? double.PositiveInfinity : rise * 100, 20, "%",
            F($"{without.P99Ms:F1} ms without, {with.P99Ms:F1} ms with ({rise:+0%;-0%}); {with.Lost + without.Lost} lost, {with.Duplicates + without.Duplicates} duplicated (slow members included, {ParameterValue(with.Parameters, "reconnects")} reconnects)"));
    }

    private static IEnumerable<string> FloodW8(Run run)
    {
        var w8 = run.GoChat("w8").ToList();
        if (w8.FirstOrDefault(r => r.Parameters.Contains("flood=off", StringComparison.Ordinal)) is not { } off
            || w8.FirstOrDefault(r => r.Parameters.Contains("flood=on", StringComparison.Ordinal)) is not { } on || off.P99Ms <= 0) yield break;
        var rise = on.P99Ms / off.P99Ms - 1;
        yield return AtMost("W8 one rate-limited user's flood raises the others' p99 by <= 20 %", rise * 100, 20, "%",
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

    /// <summary>The value of "name=value" in a result's parameters; null if absent.</summary>
    private static string? ParameterValue(string parameters, string name) =>
        parameters.Split(' ').FirstOrDefault(p => p.StartsWith(name + "=", StringComparison.Ordinal))?[(name.Length + 1)..];

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
