using System.Diagnostics;
using System.Globalization;

namespace GoChat.Bench.Measure;

/// <summary>
/// The pids whose CPU counts as the server's: an explicit list (<c>--server-pids 1,2,3</c>), or the output of a
/// command that prints one pid a line (<c>--server-pids-cmd</c>; for ejabberd the default is
/// <c>bash bench/ejabberd/ejabberd.sh pids</c>, which adds PostgreSQL's processes in durable mode).
/// </summary>
public static class ServerPids
{
    public static IReadOnlyList<int> Resolve(string? explicitList, string? command)
    {
        if (!string.IsNullOrWhiteSpace(explicitList))
        {
            return Parse(explicitList.Replace(',', '\n'));
        }
        if (string.IsNullOrWhiteSpace(command))
        {
            return [];
        }
        var psi = new ProcessStartInfo("bash", ["-c", command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot run: {command}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{command}' did not finish in 60 s");
        }
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{command}' exited {p.ExitCode}: {stderr.Result.Trim()}");
        }
        return Parse(stdout.Result);
    }

    private static List<int> Parse(string text) =>
        text.Split(['\n', '\r', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries)
            .Select(s => int.Parse(s, CultureInfo.InvariantCulture))
            .Distinct()
            .ToList();

    /// <summary>
    /// Finds <paramref name="relativePath"/> (e.g. "bench/ejabberd/ejabberd.sh") in the working directory or one
    /// of its parents, then in the program's directory or one of its parents.
    /// </summary>
    public static string? FindRepoFile(string relativePath)
    {
        foreach (string start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, relativePath);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        return null;
    }

    /// <summary>Short description of the processes, for the log: "beam.smp×2 epmd postgres×11".</summary>
    public static string Describe(IEnumerable<int> pids) =>
        string.Join(' ', pids
            .Select(pid =>
            {
                try
                {
                    return File.ReadAllText($"/proc/{pid}/comm").Trim();
                }
                catch (IOException)
                {
                    return "gone";
                }
            })
            .GroupBy(n => n)
            .Select(g => g.Count() == 1 ? g.Key : $"{g.Key}x{g.Count()}"));
}
