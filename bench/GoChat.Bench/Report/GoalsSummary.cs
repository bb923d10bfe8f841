using System.Globalization;
using System.Text;
using GoChat.Bench.Measure;

namespace GoChat.Bench.Report;

/// <summary>
/// The issue's goals checked against this run's own figures: met or not, with the numbers that decide it.
/// Nothing here is a target typed in; every value is read from the result lines.
/// </summary>
public static class GoalsSummary
{
    public static void Append(StringBuilder md, IReadOnlyList<WorkloadResult> results, IReadOnlyList<MemoryResult> memory)
    {
        var lines = new List<string>();
        var w1 = results.Where(r => r.Workload.StartsWith("w1", StringComparison.Ordinal)).ToList();
        var gochat = Steps(w1, "gochat");
        var split = Steps(w1, "gochat-split");
        var ejabberd = Steps(w1, "ejabberd", tier: "durable");
        if (gochat.Count > 0)
        {
            var best50 = Best(gochat, 50);
            lines.Add(Goal($"W1 durable one-to-one >= 3,000 msg/s at p99 < 50 ms (one-process node): highest step under 50 ms {Rate(best50)}",
                best50 is not null && Offered(best50) >= 3_000));
            if (Best(split, 50) is { } s50) lines.Add($"- W1 with silo and gateway in separate processes: highest step under 50 ms {Rate(s50)}");
            if (ejabberd.Count > 0)
            {
                var (g100, e100) = (Best(gochat, 100), Best(ejabberd, 100));
                var ratio = g100 is null || e100 is null ? 0 : g100.DeliveredPerSecond / e100.DeliveredPerSecond;
                lines.Add(Goal(F($"W1 at least 2x ejabberd's durable rate (highest step under p99 100 ms): GoChat {Rate(g100)}, ejabberd {Rate(e100)}: {ratio:F1}x"), ratio >= 2));
                // Same offered rate for both: the highest that both carried under 100 ms.
                var common = gochat.Select(Offered).Intersect(ejabberd.Select(Offered))
                    .Where(rate => gochat.Concat(ejabberd).Where(r => Offered(r) == rate).All(r => r.P99Ms < 100)).DefaultIfEmpty().Max();
                if (common > 0)
                {
                    var g = gochat.First(r => Offered(r) == common);
                    var e = ejabberd.First(r => Offered(r) == common);
                    lines.Add(Goal(F($"W1 lower p99 than ejabberd at the same rate ({common:N0} msg/s): GoChat {g.P99Ms:F1} ms, ejabberd {e.P99Ms:F1} ms"), g.P99Ms < e.P99Ms));
                    lines.Add(Goal(F($"W1 fewer server CPU-seconds per 1,000 delivered at {common:N0} msg/s: GoChat {g.ServerCpuPerThousand:F3}, ejabberd {e.ServerCpuPerThousand:F3}"),
                        g.ServerCpuPerThousand < e.ServerCpuPerThousand));
                }
            }
            if (Best(Steps(w1, "relay"), 100) is { } relay)
            {
                lines.Add(F($"- Stretch: the bare SignalR relay (no Orleans, no database) carried {Rate(relay)} under 100 ms; GoChat reached {(Best(gochat, 100)?.DeliveredPerSecond ?? 0) / relay.DeliveredPerSecond:P0} of it"));
            }
        }
        var w2 = results.Where(r => r.System == "gochat" && r.Workload.StartsWith("w2", StringComparison.Ordinal) && r.Parameters.Contains("members=1000 ", StringComparison.Ordinal)).ToList();
        if (w2.Count > 0) lines.Add(Goal(F($"W2 a 1,000-member group message reaches every online member in < 250 ms p99: {w2.Max(r => r.P99Ms):F1} ms"), w2.Max(r => r.P99Ms) < 250));
        var w3 = memory.Where(m => m.System == "gochat" && m.Workload.StartsWith("w3", StringComparison.Ordinal)).ToList();
        if (w3.Count > 0)
        {
            var relay = memory.FirstOrDefault(m => m.System == "relay");
            lines.Add(Goal(F($"W3 <= 20 KB per idle connection at the gateway: {w3.Max(m => m.KbPerConnection):F1} KB") +
                (relay is null ? "" : F($" (bare SignalR relay: {relay.KbPerConnection:F1} KB)")), w3.Max(m => m.KbPerConnection) <= 20));
        }
        var w4 = results.Where(r => r.System == "gochat" && r.Workload.StartsWith("w4", StringComparison.Ordinal) && r.Parameters.Contains("missed=10000", StringComparison.Ordinal)).ToList();
        if (w4.Count > 0) lines.Add(Goal(F($"W4 < 1 s to catch up 10,000 missed messages: slowest of {w4.Count} {w4.Max(r => r.MaxMs):F0} ms"), w4.Max(r => r.MaxMs) < 1000));
        var w8 = results.Where(r => r.System == "gochat" && r.Workload.StartsWith("w8", StringComparison.Ordinal)).ToList();
        if (w8.FirstOrDefault(r => r.Parameters.Contains("flood=off", StringComparison.Ordinal)) is { } off
            && w8.FirstOrDefault(r => r.Parameters.Contains("flood=on", StringComparison.Ordinal)) is { } on && off.P99Ms > 0)
        {
            var rise = on.P99Ms / off.P99Ms - 1;
            lines.Add(Goal(F($"W8 one rate-limited user's flood raises the others' p99 by <= 20 %: {off.P99Ms:F1} ms without, {on.P99Ms:F1} ms with ({rise:+0%;-0%})"), rise <= 0.20));
        }
        ScaleGoals(lines, results, memory);
        var lossy = results.Where(r => r.System.StartsWith("gochat", StringComparison.Ordinal) && (r.Lost > 0 || r.Duplicates > 0)).ToList();
        lines.Add(Goal($"No GoChat message lost or delivered twice: {results.Count(r => r.System.StartsWith("gochat", StringComparison.Ordinal))} GoChat workloads, {lossy.Count} with any", lossy.Count == 0));

        md.AppendLine("## Goals against this run").AppendLine();
        foreach (var line in lines) md.AppendLine(line);
        md.AppendLine();
    }

    /// <summary>Issue 13's scale goals: W5 connections, W2 at 10,000 members, W7 slow consumers.</summary>
    private static void ScaleGoals(List<string> lines, IReadOnlyList<WorkloadResult> results, IReadOnlyList<MemoryResult> memory)
    {
        var w5Memory = memory.Where(m => m.System == "gochat" && m.Workload.StartsWith("w5", StringComparison.Ordinal)).OrderBy(m => m.Connections).ToList();
        var w5 = results.Where(r => r.System == "gochat" && r.Workload.StartsWith("w5", StringComparison.Ordinal)).ToList();
        if (w5Memory.Count > 0)
        {
            var (small, large) = (w5Memory[0], w5Memory[^1]);
            // The stage is named by what was asked for; a capped one says so in its parameters.
            var cap = ParameterValue(large.Parameters, "capped-from") is { } asked
                ? F($" (asked {asked}: one process may open {ParameterValue(large.Parameters, "by-open-file-limit")} files here, so one gateway holds no more)")
                : "";
            var at50k = large.Connections >= 50_000;
            lines.Add(Goal(F($"W5 <= 20 KB per idle connection at 50,000 connections on one gateway: {large.KbPerConnection:F1} KB at {large.Connections:N0}{cap}, {small.KbPerConnection:F1} KB at {small.Connections:N0}"),
                at50k && large.KbPerConnection <= 20));
            var p99Small = w5.FirstOrDefault(r => r.Parameters.Contains(F($"open={small.Connections} "), StringComparison.Ordinal));
            var p99Large = w5.FirstOrDefault(r => r.Parameters.Contains(F($"open={large.Connections} "), StringComparison.Ordinal));
            if (p99Small is not null && p99Large is not null && p99Small.P99Ms > 0)
            {
                var rise = p99Large.P99Ms / p99Small.P99Ms - 1;
                lines.Add(Goal(F($"W5 1:1 p99 at 50,000 connections within 20 % of p99 at 1,000: {p99Small.P99Ms:F1} ms at {small.Connections:N0}, {p99Large.P99Ms:F1} ms at {large.Connections:N0} ({rise:+0%;-0%}){cap}"),
                    at50k && rise <= 0.20));
            }
        }
        var w2Big = results.Where(r => r.System == "gochat" && r.Workload.StartsWith("w2", StringComparison.Ordinal) && r.Parameters.Contains("members=10000", StringComparison.Ordinal)).ToList();
        foreach (var r in w2Big)
        {
            var cost = ParameterValue(r.Parameters, "orleans-msgs/msg") is { } o
                ? $"; per message sent: {o} Orleans messages ({ParameterValue(r.Parameters, "orleans-network/msg")} over the network), {ParameterValue(r.Parameters, "pushes/msg")} SignalR pushes"
                : "";
            lines.Add(Goal(F($"W2 10,000 members ({ParameterValue(r.Parameters, "online") ?? "all"} online): < 500 ms to the last online member: p99 {r.P99Ms:F0} ms, max {r.MaxMs:F0} ms{cost}"),
                r.P99Ms < 500 && r.Lost == 0));
        }
        var w7 = results.Where(r => r.System == "gochat" && r.Workload.StartsWith("w7", StringComparison.Ordinal)).ToList();
        if (w7.FirstOrDefault(r => r.Parameters.Contains("slow=0 ", StringComparison.Ordinal)) is { } without
            && w7.FirstOrDefault(r => !r.Parameters.Contains("slow=0 ", StringComparison.Ordinal)) is { } with && without.P99Ms > 0)
        {
            var rise = with.P99Ms / without.P99Ms - 1;
            var lost = without.Lost + with.Lost + without.Duplicates + with.Duplicates;
            lines.Add(Goal(F($"W7 {ParameterValue(with.Parameters, "slow")} of {ParameterValue(with.Parameters, "members")} members stop reading: the others' p99 within 20 % of the run without them, nothing lost: ") +
                F($"{without.P99Ms:F1} ms without, {with.P99Ms:F1} ms with ({rise:+0%;-0%}); {with.Lost + without.Lost} lost, {with.Duplicates + without.Duplicates} duplicated (slow members included, {ParameterValue(with.Parameters, "reconnects")} reconnects)"),
                rise <= 0.20 && lost == 0));
        }
    }

    /// <summary>The value of "name=value" in a result's parameters; null if absent.</summary>
    private static string? ParameterValue(string parameters, string name) =>
        parameters.Split(' ').FirstOrDefault(p => p.StartsWith(name + "=", StringComparison.Ordinal))?[(name.Length + 1)..];

    private static List<WorkloadResult> Steps(IEnumerable<WorkloadResult> w1, string system, string? tier = null) =>
        w1.Where(r => r.System == system && (tier is null || !r.Parameters.Contains("tier=routing", StringComparison.Ordinal)))
            .OrderBy(r => r.DeliveredPerSecond).ToList();

    /// <summary>The highest step whose p99 stayed under the bound, with nothing lost.</summary>
    private static WorkloadResult? Best(IEnumerable<WorkloadResult> steps, double p99Bound) =>
        steps.Where(r => r.P99Ms < p99Bound && r.Lost == 0).OrderByDescending(r => r.DeliveredPerSecond).FirstOrDefault();

    /// <summary>The offered rate named in the parameters ("offered=1200/s"): the same for both systems at one step.</summary>
    private static double Offered(WorkloadResult r) => OfferedIn(r.Parameters);

    /// <summary>The number after "offered=" in a result's parameters or a curve's file name; 0 if none.</summary>
    public static double OfferedIn(string text)
    {
        var at = text.IndexOf("offered=", StringComparison.Ordinal);
        if (at < 0) return 0;
        var digits = new string(text[(at + 8)..].TakeWhile(char.IsDigit).ToArray());
        return double.TryParse(digits, CultureInfo.InvariantCulture, out var v) ? v : 0;
    }

    private static string Rate(WorkloadResult? r) => r is null ? "none" : F($"{r.DeliveredPerSecond:N0} msg/s (p99 {r.P99Ms:F1} ms)");

    private static string Goal(string text, bool met) => $"- {(met ? "**met**" : "**not met**")}: {text}";

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
