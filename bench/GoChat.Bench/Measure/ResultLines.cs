using System.Text.Json;

namespace GoChat.Bench.Measure;

/// <summary>A run's results file: one JSON line per result, workload and memory results side by side.</summary>
public static class ResultLines
{
    /// <summary>Prints the line to stdout and appends it to <paramref name="outFile"/>.</summary>
    public static void Emit(string line, string? outFile)
    {
        Console.Out.WriteLine(line);
        Console.Out.Flush();
        if (string.IsNullOrEmpty(outFile)) return;
        var dir = Path.GetDirectoryName(Path.GetFullPath(outFile));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        File.AppendAllText(outFile, line + Environment.NewLine);
    }

    public static (IReadOnlyList<WorkloadResult> Workloads, IReadOnlyList<MemoryResult> Memory) Read(string path)
    {
        var lines = File.ReadLines(path).Where(l => l.Length > 0).ToList();
        // Only memory results have a Connections field.
        static bool IsMemory(string line) => line.Contains("\"Connections\"", StringComparison.Ordinal);
        return (lines.Where(l => !IsMemory(l)).Select(l => JsonSerializer.Deserialize<WorkloadResult>(l)!).ToList(),
                lines.Where(IsMemory).Select(l => JsonSerializer.Deserialize<MemoryResult>(l)!).ToList());
    }
}
