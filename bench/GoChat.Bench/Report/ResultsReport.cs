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
        md.AppendLine("Produced by the command below (one run, unless it says otherwise); every figure here comes from it, except in the sections titled \"by hand\", which name their own commands. Regenerate, don't edit.").AppendLine();
        md.AppendLine("```").AppendLine(command).AppendLine("```").AppendLine();
        var machine = Path.Combine(runDir, "machine.txt");
        if (File.Exists(machine))
        {
            md.AppendLine("## Machine and setup").AppendLine().AppendLine("```").Append(File.ReadAllText(machine).TrimEnd()).AppendLine().AppendLine("```").AppendLine();
        }

        GoalsSummary.Append(md, results, memory);
        var steps = W1Step.From(results);
        W1Table(md, steps);
        LikeWebTables(md, steps, results);
        Table(md, "W2 group fan-out (latency = until the last online member has the message)", results.Where(r => r.Workload.StartsWith("w2", StringComparison.OrdinalIgnoreCase)));
        Table(md, "W4 reconnect catch-up (latency = connect until every missed message is in)", results.Where(r => r.Workload.StartsWith("w4", StringComparison.OrdinalIgnoreCase)));
        Table(md, "W6 big address book (latency = connect until the full list and every missed message are in)", results.Where(r => r.Workload.StartsWith("w6", StringComparison.OrdinalIgnoreCase)));
        Table(md, "Soak (3 silos, 2 gateways, a silo, gateway or PostgreSQL killed and restarted every 30-60 s)", results.Where(r => r.Workload.StartsWith("soak", StringComparison.OrdinalIgnoreCase)));
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

        // Read before the file is rewritten below: the workloads measured by hand are not in this run.
        md.Append(HandMeasuredSections(markdownPath));

        var plots = new List<(string File, string Title)>();
        if (KneePlot(steps, Path.Combine(plotsDir, "w1-knee.png"))) plots.Add(("w1-knee.png", "W1: p99 latency against delivered messages per second"));
        if (DistributionPlot(runDir, "W1", Path.Combine(plotsDir, "w1-latency-distribution.png"))) plots.Add(("w1-latency-distribution.png", "W1: latency distribution at each system's highest step under the knee"));
        if (DistributionPlot(runDir, "W2", Path.Combine(plotsDir, "w2-latency-distribution.png"))) plots.Add(("w2-latency-distribution.png", "W2: last-member latency distribution per group size"));
        if (plots.Count > 0)
        {
            md.AppendLine("## Plots").AppendLine();
            foreach (var (file, title) in plots) md.AppendLine($"![{title}]({relPlots}/{file})").AppendLine();
        }
        File.WriteAllText(markdownPath, md.ToString());
    }

    /// <summary>
    /// The sections of the current file whose title says they were "measured ... by hand": a regenerated report keeps
    /// them word for word (with their own dates and commands), since this run did not measure them and must not drop them.
    /// </summary>
    private static string HandMeasuredSections(string markdownPath)
    {
        if (!File.Exists(markdownPath)) return "";
        var kept = new StringBuilder();
        var keeping = false;
        foreach (var line in File.ReadAllLines(markdownPath))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal)) keeping = line.Contains("by hand", StringComparison.Ordinal);
            if (keeping) kept.AppendLine(line);
        }
        return kept.ToString();
    }

    /// <summary>One row per step: the median and the worst of its windows, and what the worst window's probes saw.</summary>
    private static void W1Table(StringBuilder md, IReadOnlyList<W1Step> steps)
    {
        if (steps.Count == 0) return;
        md.AppendLine("## W1 one-to-one (stepped rate; each step measured in back-to-back windows; the last step of each system is its knee)").AppendLine();
        md.AppendLine("Median = the window with the median p99; worst = the highest p99, the lowest throughput and the most CPU of any window. " +
            "The last column is what the worst window's probes counted: PostgreSQL checkpoints and autovacuums; per GoChat process (node = the process the clients talk to) " +
            "its GC pause time, how late a 20 ms timer fired at worst (a stall of the whole process), the longest thread-pool queue and the slowest group commit; the load generator's GC pauses and its worst send lag.").AppendLine();
        md.AppendLine("| system | parameters | windows | sent | lost | dup | delivered/s median / worst | p50 ms | p99 ms median / worst | max ms | CPU-s per 1,000 median / worst | client CPU-s | worst window saw |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var s in steps)
        {
            var (median, worst) = (s.Median, s.Worst);
            md.AppendLine(F($"| {s.Series} | {s.Parameters} | {s.Windows.Count} | {s.Windows.Sum(w => w.Sent):N0} | {s.Lost:N0} | {s.Duplicates:N0} | {median.DeliveredPerSecond:N0} / {s.WorstRate:N0} | {median.P50Ms:F1} | {median.P99Ms:F1} / {s.WorstP99:F1} | {s.Windows.Max(w => w.MaxMs):F1} | {median.ServerCpuPerThousand:F3} / {s.WorstCpuPerThousand:F3} | {s.Windows.Sum(w => w.ClientCpuSeconds):F1} | {Probes(worst)} |"));
        }
        md.AppendLine();
    }

    private static string Probes(WorkloadResult r)
    {
        if (r.Counters is null) return "";
        var parts = new List<string>();
        if (r.Counter("pg.checkpoints") > 0) parts.Add(F($"{r.Counter("pg.checkpoints"):0} checkpoint(s) ({r.Counter("pg.checkpointMs"):0} ms)"));
        if (r.Counter("pg.autovacuums") + r.Counter("pg.autoanalyzes") > 0) parts.Add(F($"{r.Counter("pg.autovacuums"):0} autovacuum(s), {r.Counter("pg.autoanalyzes"):0} autoanalyze(s)"));
        foreach (var (server, name) in new[] { ("0", "node"), ("1", "silo") })
        {
            var p = $"server.{server}.";
            if (!r.Counters.ContainsKey(p + "gcPauseMs")) continue;
            parts.Add(F($"{name}: GC {r.Counter(p + "gcPauseMs"):0} ms ({r.Counter(p + "gen2"):0} gen2), timer late {r.Counter(p + "timerLagMsMax"):0} ms, queue {r.Counter(p + "queueMax"):0}") +
                (r.Counter(p + "commits") > 0 ? F($", commits {r.Counter(p + "commits"):0} max {r.Counter(p + "commitMsMax"):0} ms") : ""));
        }
        parts.Add(F($"client GC {r.Counter("client.gcPauseMs"):0} ms, send lag {r.Counter("client.maxSendLagMs"):0} ms"));
        return string.Join("; ", parts);
    }

    /// <summary>W1 and W2 plain and with web-like clients side by side, where the run measured both.</summary>
    private static void LikeWebTables(StringBuilder md, IReadOnlyList<W1Step> steps, IReadOnlyList<WorkloadResult> results)
    {
        var pairs = steps.Where(s => !s.LikeWeb)
            .Select(p => (Plain: p, Web: steps.LastOrDefault(w => w.LikeWeb && w.System == p.System && w.Offered == p.Offered)))
            .Where(x => x.Web is not null).ToList();
        if (pairs.Count > 0)
        {
            md.AppendLine("## W1 plain against web-like clients (every message marked read, 20 % of sends typed; worst windows)").AppendLine();
            md.AppendLine("| system | offered/s | p99 ms plain / web | delivered/s plain / web | CPU-s per 1,000 plain / web | MarkRead + Typing sent | receipt pushes | typing pushes |");
            md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var (p, w) in pairs)
            {
                var ww = w!.Worst;
                md.AppendLine(F($"| {p.System} | {p.Offered:N0} | {p.WorstP99:F1} / {w.WorstP99:F1} | {p.WorstRate:N0} / {w.WorstRate:N0} | {p.WorstCpuPerThousand:F3} / {w.WorstCpuPerThousand:F3} | {ww.Counter("web.markReads") + ww.Counter("web.typings"):N0} | {ww.Counter("web.receiptPushes"):N0} | {ww.Counter("web.typingPushes"):N0} |"));
            }
            md.AppendLine();
        }
        var w2 = results.Where(r => r.System == "gochat" && r.Workload.StartsWith("w2", StringComparison.Ordinal)).ToList();
        var w2Pairs = w2.Where(r => !r.Parameters.Contains("like-web", StringComparison.Ordinal))
            .Select(p => (Plain: p, Web: w2.LastOrDefault(r => r.Parameters == p.Parameters.Replace(" messages=", " like-web messages=", StringComparison.Ordinal))))
            .Where(x => x.Web is not null).ToList();
        if (w2Pairs.Count == 0) return;
        md.AppendLine("## W2 plain against web-like clients (every member marks each message read)").AppendLine();
        md.AppendLine("| parameters | p99 ms plain / web | CPU-s per 1,000 delivered plain / web | receipt pushes per message | typing pushes per message |");
        md.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var (p, w) in w2Pairs)
        {
            md.AppendLine(F($"| {p.Parameters} | {p.P99Ms:F1} / {w!.P99Ms:F1} | {p.ServerCpuPerThousand:F3} / {w.ServerCpuPerThousand:F3} | {w.Counter("web.receiptPushesPerMessage"):N0} | {w.Counter("web.typingPushesPerMessage"):N0} |"));
        }
        md.AppendLine();
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

    private static bool KneePlot(IReadOnlyList<W1Step> steps, string path)
    {
        var w1 = steps.GroupBy(s => s.Series).ToList();
        if (w1.Count == 0) return false;
        var plot = new Plot();
        foreach (var g in w1)
        {
            var s = plot.Add.Scatter(g.Select(r => r.WorstRate).ToArray(), g.Select(r => r.WorstP99).ToArray());
            s.LegendText = g.Key;
        }
        plot.Add.HorizontalLine(100).LinePattern = LinePattern.Dashed;
        plot.XLabel("delivered messages / s (worst window)");
        plot.YLabel("p99 send → receive, worst window (ms)");
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
        files.GroupBy(f => Path.GetFileName(f).Split('_')[0] + (f.Contains("tier=routing", StringComparison.Ordinal) ? " (routing only)" : "") + (f.Contains("like-web", StringComparison.Ordinal) ? " (like web)" : ""))
            .Select(g => g.Select(f => (File: f, P99: P99(f), Rate: OfferedRate(f))).Where(x => x.P99 <= 100).OrderByDescending(x => x.Rate).Select(x => x.File).FirstOrDefault())
            .Where(f => f is not null).Select(f => f!).ToList();

    private static double P99(string file) =>
        File.ReadAllLines(file).Skip(1).Select(l => l.Split(',')).Where(p => p[0] == "99").Select(p => double.Parse(p[1], CultureInfo.InvariantCulture)).FirstOrDefault();

    private static double OfferedRate(string file) => GoalsSummary.OfferedIn(Path.GetFileNameWithoutExtension(file));

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
