using System.Globalization;
using System.Text;
using GoChat.Bench.Measure;
using GoChat.Bench.Workloads;
using ScottPlot;

namespace GoChat.Bench.Report;

/// <summary>Turns one run's JSON lines and latency curves into bench/RESULTS.md and PNG plots. Reports only what the run measured.</summary>
public static class ResultsReport
{
    public static void Write(string runDir, string markdownPath, string plotsDir, string command)
    {
        var (results, memory) = ResultLines.Read(Path.Combine(runDir, "results.jsonl"));
        Directory.CreateDirectory(plotsDir);
        var relPlots = Path.GetRelativePath(Path.GetDirectoryName(Path.GetFullPath(markdownPath))!, plotsDir);

        var md = new StringBuilder();
        md.AppendLine("# Benchmark results").AppendLine();
        md.AppendLine("Produced by one run of the command below; every figure here comes from that run. Regenerate, don't edit.").AppendLine();
        md.AppendLine("```").AppendLine(command).AppendLine("```").AppendLine();
        var machine = Path.Combine(runDir, "machine.txt");
        if (File.Exists(machine))
        {
            md.AppendLine("## Machine and setup").AppendLine().AppendLine("```").Append(File.ReadAllText(machine).TrimEnd()).AppendLine().AppendLine("```").AppendLine();
        }

        GoalsSummary.Append(md, results, memory);
        Table(md, "W1 one-to-one (stepped rate; the last step of each system is its knee)", results.Where(r => r.Workload.StartsWith("w1", StringComparison.OrdinalIgnoreCase)));
        Table(md, "W2 group fan-out (latency = until the last online member has the message)", results.Where(r => r.Workload.StartsWith("w2", StringComparison.OrdinalIgnoreCase)));
        Table(md, "W4 reconnect catch-up (latency = connect until every missed message is in)", results.Where(r => r.Workload.StartsWith("w4", StringComparison.OrdinalIgnoreCase)));
        Table(md, "W8 one user's flood (load users' latency with phases off and on; the flooder is an ordinary, rate-limited user)", results.Where(r => r.Workload.StartsWith("w8", StringComparison.OrdinalIgnoreCase)));
        Table(md, "Ceilings", results.Where(r => r.Workload.StartsWith("ceiling", StringComparison.OrdinalIgnoreCase)));
        Table(md, "W5 connections (1:1 pairs' latency while the idle connections sit on the same gateway)", results.Where(r => r.Workload.StartsWith("w5", StringComparison.OrdinalIgnoreCase)));
        MemoryTable(md, "W5 idle connections on one gateway (RSS delta against the base: the pairs and a warm-up set)", memory.Where(m => m.Workload.StartsWith("w5", StringComparison.OrdinalIgnoreCase)));
        Table(md, "W7 slow consumers (latency = the members who read, send → receipt; lost/dup count every member)", results.Where(r => r.Workload.StartsWith("w7", StringComparison.OrdinalIgnoreCase)));
        memory = memory.Where(m => !m.Workload.StartsWith("w5", StringComparison.OrdinalIgnoreCase)).ToList();
        if (memory.Count > 0)
        {
            md.AppendLine("## W3 idle connections").AppendLine();
            md.AppendLine("| system | connections | gateway RSS before → after (MB) | KB per idle connection | silo RSS before → after (MB) | KB per active user |");
            md.AppendLine("|---|---:|---:|---:|---:|---:|");
            foreach (var m in memory)
            {
                md.AppendLine(F($"| {m.System} | {m.Connections} | {m.GatewayRssBeforeMb:F0} → {m.GatewayRssAfterMb:F0} | {m.KbPerConnection:F1} | {m.SiloRssBeforeMb:F0} → {m.SiloRssAfterMb:F0} | {m.KbPerActiveUser:F1} |"));
            }
            md.AppendLine();
        }

        var plots = new List<(string File, string Title)>();
        if (KneePlot(results, Path.Combine(plotsDir, "w1-knee.png"))) plots.Add(("w1-knee.png", "W1: p99 latency against delivered messages per second"));
        if (DistributionPlot(runDir, "W1", Path.Combine(plotsDir, "w1-latency-distribution.png"))) plots.Add(("w1-latency-distribution.png", "W1: latency distribution at each system's highest step under the knee"));
        if (DistributionPlot(runDir, "W2", Path.Combine(plotsDir, "w2-latency-distribution.png"))) plots.Add(("w2-latency-distribution.png", "W2: last-member latency distribution per group size"));
        if (plots.Count > 0)
        {
            md.AppendLine("## Plots").AppendLine();
            foreach (var (file, title) in plots) md.AppendLine($"![{title}]({relPlots}/{file})").AppendLine();
        }
        File.WriteAllText(markdownPath, md.ToString());
    }

    private static void MemoryTable(StringBuilder md, string title, IEnumerable<MemoryResult> rows)
    {
        var list = rows.ToList();
        if (list.Count == 0) return;
        md.AppendLine($"## {title}").AppendLine();
        md.AppendLine("| parameters | connections | gateway RSS before → after (MB) | KB per connection | silo RSS before → after (MB) | silo KB per user |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var m in list)
        {
            md.AppendLine(F($"| {m.Parameters} | {m.Connections:N0} | {m.GatewayRssBeforeMb:F0} → {m.GatewayRssAfterMb:F0} | {m.KbPerConnection:F1} | {m.SiloRssBeforeMb:F0} → {m.SiloRssAfterMb:F0} | {m.KbPerActiveUser:F1} |"));
        }
        md.AppendLine();
    }

    private static void Table(StringBuilder md, string title, IEnumerable<WorkloadResult> rows)
    {
        var list = rows.ToList();
        if (list.Count == 0) return;
        md.AppendLine($"## {title}").AppendLine();
        md.AppendLine("| system | workload | parameters | sent | delivered | lost | dup | delivered/s | p50 ms | p95 ms | p99 ms | max ms | server CPU-s | CPU-s per 1,000 | client CPU-s |");
        md.AppendLine("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in list)
        {
            md.AppendLine(F($"| {r.System} | {r.Workload} | {r.Parameters} | {r.Sent:N0} | {r.Delivered:N0} | {r.Lost:N0} | {r.Duplicates:N0} | {r.DeliveredPerSecond:N0} | {r.P50Ms:F1} | {r.P95Ms:F1} | {r.P99Ms:F1} | {r.MaxMs:F1} | {r.ServerCpuSeconds:F1} | {r.ServerCpuPerThousand:F3} | {r.ClientCpuSeconds:F1} |"));
        }
        md.AppendLine();
    }

    private static bool KneePlot(IReadOnlyList<WorkloadResult> results, string path)
    {
        var w1 = results.Where(r => r.Workload.StartsWith("w1", StringComparison.OrdinalIgnoreCase)).GroupBy(Series).ToList();
        if (w1.Count == 0) return false;
        var plot = new Plot();
        foreach (var g in w1)
        {
            var s = plot.Add.Scatter(g.Select(r => r.DeliveredPerSecond).ToArray(), g.Select(r => r.P99Ms).ToArray());
            s.LegendText = g.Key;
        }
        plot.Add.HorizontalLine(100).LinePattern = LinePattern.Dashed;
        plot.XLabel("delivered messages / s");
        plot.YLabel("p99 send → receive (ms)");
        plot.Title("W1 one-to-one: p99 against throughput");
        plot.ShowLegend();
        plot.SavePng(path, 900, 500);
        return true;
    }

    /// <summary>Percentile curves on a "nines" axis: x = -log10(1 - p), so 90, 99, 99.9 are evenly spaced.</summary>
    private static bool DistributionPlot(string runDir, string workload, string path)
    {
        var dir = Path.Combine(runDir, "curves");
        if (!Directory.Exists(dir)) return false;
        var files = Directory.GetFiles(dir, $"*_{workload.ToLowerInvariant()}-*.csv").OrderBy(f => f).ToList();
        if (workload == "W1") files = HighestUnderKnee(files);
        if (files.Count == 0) return false;
        var plot = new Plot();
        foreach (var file in files)
        {
            var rows = File.ReadAllLines(file).Skip(1).Select(l => l.Split(',')).Select(p => (P: double.Parse(p[0], CultureInfo.InvariantCulture), Ms: double.Parse(p[1], CultureInfo.InvariantCulture)))
                .Where(r => r.P < 100).ToList();
            var s = plot.Add.Scatter(rows.Select(r => -Math.Log10(1 - r.P / 100)).ToArray(), rows.Select(r => r.Ms).ToArray());
            s.LegendText = Path.GetFileNameWithoutExtension(file).Replace('_', ' ');
        }
        double[] ticks = [0, 1, 2, 3, 4];
        plot.Axes.Bottom.SetTicks(ticks, ["0", "90", "99", "99.9", "99.99"]);
        plot.XLabel("percentile");
        plot.YLabel("latency (ms)");
        plot.Title($"{workload} latency distribution");
        plot.ShowLegend();
        plot.SavePng(path, 900, 500);
        return true;
    }

    /// <summary>Per system, the curve of the step with the highest offered rate whose p99 stayed under 100 ms.</summary>
    private static List<string> HighestUnderKnee(List<string> files) =>
        files.GroupBy(f => Path.GetFileName(f).Split('_')[0] + (f.Contains("tier=routing", StringComparison.Ordinal) ? " (routing only)" : ""))
            .Select(g => g.Select(f => (File: f, P99: P99(f), Rate: OfferedRate(f))).Where(x => x.P99 <= 100).OrderByDescending(x => x.Rate).Select(x => x.File).FirstOrDefault())
            .Where(f => f is not null).Select(f => f!).ToList();

    private static double P99(string file) =>
        File.ReadAllLines(file).Skip(1).Select(l => l.Split(',')).Where(p => p[0] == "99").Select(p => double.Parse(p[1], CultureInfo.InvariantCulture)).FirstOrDefault();

    private static double OfferedRate(string file) => GoalsSummary.OfferedIn(Path.GetFileNameWithoutExtension(file));

    /// <summary>One line per system and tier: ejabberd runs both durable (MAM on PostgreSQL) and routing-only.</summary>
    private static string Series(WorkloadResult r) => r.System + (r.Parameters.Contains("tier=routing", StringComparison.Ordinal) ? " (routing only)" : "");

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
