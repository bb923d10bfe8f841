using GoChat.Bench.Measure;

namespace GoChat.Bench.Report;

/// <summary>The smoke check CI runs after the quick benchmark: every workload delivered, nothing lost, nothing twice.</summary>
public static class ResultsCheck
{
    public static int Run(string runDir)
    {
        var path = Path.Combine(runDir, "results.jsonl");
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"check: {path} is missing: no workload completed");
            return 1;
        }
        var failures = 0;
        var (results, memory) = ResultLines.Read(path);
        foreach (var m in memory)
        {
            if (m.Connections <= 0) failures += Fail($"{m.Workload}: no connection held");
            else Console.Error.WriteLine($"check: {m.Workload} {m.Parameters}: ok ({m.KbPerConnection:F1} KB per connection)");
        }
        foreach (var r in results)
        {
            var what = $"{r.System} {r.Workload} {r.Parameters}{(r.Window > 0 ? $" (window {r.Window})" : "")}";
            if (r.Delivered == 0) failures += Fail($"{what}: nothing delivered");
            else if (r.Lost != 0 || r.Duplicates != 0) failures += Fail($"{what}: {r.Lost} lost, {r.Duplicates} duplicated");
            else Console.Error.WriteLine($"check: {what}: {r.Delivered} delivered, none lost or duplicated");
        }
        if (results.Count + memory.Count == 0) failures += Fail("no results");
        return failures == 0 ? 0 : 1;
    }

    private static int Fail(string what)
    {
        Console.Error.WriteLine($"check FAILED: {what}");
        return 1;
    }
}
