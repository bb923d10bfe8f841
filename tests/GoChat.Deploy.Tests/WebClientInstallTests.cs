using System.Text.RegularExpressions;

namespace GoChat.Deploy.Tests;

/// <summary>
/// Every place that builds the web client installs exactly what web/package-lock.json says: `npm install` may
/// rewrite the lock file, which left every fresh clone dirty after its first build. scripts/clean-build.sh
/// checks the tree itself after a real build; this catches an `npm install` coming back where the build runs npm.
/// </summary>
public sealed partial class WebClientInstallTests
{
    public static readonly TheoryData<string> Builders = new()
    {
        "gateway/GoChat.Gateway.csproj",
        "deploy/docker/gateway.Dockerfile",
        ".ci/run",
        "scripts/test.sh",
        "scripts/clean-build.sh",
        "scripts/ensure-prereqs.sh",
        "bench/run.sh",
    };

    [Theory, MemberData(nameof(Builders))]
    public void The_web_client_is_installed_from_its_lock_file_without_writing_it(string file)
    {
        var installs = NpmInstallRegex().Matches(Commands(file)).Select(m => m.Value.Trim()).ToList();
        Assert.True(installs.Count == 0, $"{file} runs {string.Join(", ", installs)}: use `npm ci`, which never writes package-lock.json.");
    }

    [Fact]
    public void The_gateway_build_runs_npm_ci()
    {
        Assert.Matches(NpmCiRegex(), File.ReadAllText(Repo.PathOf("gateway", "GoChat.Gateway.csproj")));
    }

    /// <summary>The file without its comments, which may well explain why not npm install.</summary>
    private static string Commands(string file)
    {
        var text = File.ReadAllText(Repo.PathOf(file.Split('/')));
        if (file.EndsWith(".csproj", StringComparison.Ordinal)) return XmlCommentRegex().Replace(text, "");
        return string.Join('\n', text.Split('\n').Where(line => !line.TrimStart().StartsWith('#')));
    }

    [GeneratedRegex(@"^.*\bnpm\s+(install|i|add)\b.*$", RegexOptions.Multiline)]
    private static partial Regex NpmInstallRegex();

    [GeneratedRegex("<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex XmlCommentRegex();

    [GeneratedRegex(@"<Exec Command=""npm ci\b")]
    private static partial Regex NpmCiRegex();
}
