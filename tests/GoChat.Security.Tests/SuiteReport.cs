namespace GoChat.Security.Tests;

/// <summary>Where the suites write their size and findings: the test results directory scripts/test.sh collects.</summary>
public static class SuiteReport
{
    public static string Directory
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("GOCHAT_TEST_RESULTS_DIR");
            if (!string.IsNullOrEmpty(configured)) return configured;
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "GoChat.Orleans.sln"))) dir = dir.Parent;
            return Path.Combine(dir?.FullName ?? Path.GetTempPath(), ".data", "test-results");
        }
    }

    public static string Write(string fileName, string text)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, fileName);
        File.WriteAllText(path, text);
        return path;
    }

    public static int IntFromEnvironment(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var value) && value >= 0 ? value : fallback;
}
