namespace GoChat.Deploy.Tests;

/// <summary>The repository the tests run from: found by walking up to GoChat.Orleans.sln.</summary>
public static class Repo
{
    public static readonly string Root = Find();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GoChat.Orleans.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No GoChat.Orleans.sln above {AppContext.BaseDirectory}.");
    }
}
