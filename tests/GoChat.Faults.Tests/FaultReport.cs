using Xunit.Abstractions;

namespace GoChat.Faults.Tests;

/// <summary>
/// Writes each scenario's measured figures to the test output and to .data/test-results/fault-tests.md (beside
/// the trx files that scripts/test.sh collects), one table row per scenario.
/// </summary>
public static class FaultReport
{
    private static readonly object Gate = new();

    public static void Record(ITestOutputHelper output, string scenario, LoadRun.Result result, string notes = "")
    {
        var recovery = result.Recovery is { } r ? $"{r.TotalSeconds:0.0} s" : "n/a";
        var row = $"| {scenario} | {recovery} | {result.Lost} | {result.Duplicated} | {result.Acked} | {result.HubErrors} | {result.Interrupted} | {result.Reconnects} | {notes} |";
        output.WriteLine("| scenario | recovery | lost | dup | acked | hub errors | cut invocations | reconnects | notes |");
        output.WriteLine(row);
        lock (Gate)
        {
            var dir = Path.Combine(FindRoot(), ".data", "test-results");
            Directory.CreateDirectory(dir);
            var path = Path.Combine(dir, "fault-tests.md");
            if (!File.Exists(path))
            {
                File.WriteAllLines(path, [
                    $"Fault tests, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores",
                    "",
                    "| scenario | recovery | lost | dup | acked | hub errors | cut invocations | reconnects | notes |",
                    "|---|---|---|---|---|---|---|---|---|"]);
            }
            File.AppendAllLines(path, [row]);
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GoChat.Orleans.sln"))) return dir.FullName;
        }
        return AppContext.BaseDirectory;
    }
}
