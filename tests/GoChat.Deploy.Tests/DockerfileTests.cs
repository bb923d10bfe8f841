using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace GoChat.Deploy.Tests;

/// <summary>
/// No Docker engine runs here, so the Dockerfiles cannot be built by the tests; these catch the usual ways they
/// drift from the code: a new project reference, a file pulled from outside a project, a port, the user.
/// </summary>
public sealed partial class DockerfileTests
{
    public static readonly TheoryData<string, string> Images = new()
    {
        { "silo", "silo/GoChat.Silo.csproj" },
        { "gateway", "gateway/GoChat.Gateway.csproj" },
    };

    [Theory, MemberData(nameof(Images))]
    public void The_image_copies_every_project_and_file_its_app_builds_from(string image, string project)
    {
        var dockerfile = Dockerfile(image);
        var copied = CopyRegex().Matches(dockerfile).Select(m => m.Groups["src"].Value.TrimEnd('/')).ToHashSet();

        foreach (var csproj in Closure(project))
        {
            var folder = Path.GetDirectoryName(csproj)!;
            Assert.Contains(csproj, copied);
            Assert.Contains(folder, copied);
            foreach (var outside in OutsidePaths(csproj))
            {
                Assert.True(copied.Any(c => outside == c || outside.StartsWith(c + "/", StringComparison.Ordinal)), $"{image}.Dockerfile does not copy {outside} ({csproj} uses it).");
            }
        }
    }

    [Theory, MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Each_image_exposes_the_ports_its_containers_name(string overlay)
    {
        var manifest = Kustomize.Overlay(overlay);
        foreach (var (image, workload) in new[] { ("silo", Manifest.Silo), ("gateway", Manifest.Gateway) })
        {
            var exposed = ExposeRegex().Matches(Dockerfile(image)).SelectMany(m => m.Groups["ports"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToHashSet();
            var ports = manifest.Workload(workload).Containers.Single()["ports"]!.AsArray().Select(p => Manifest.Str(p!["containerPort"])!);
            Assert.All(ports, p => Assert.Contains(p, exposed));
        }
    }

    [Theory, MemberData(nameof(Images))]
    public void The_image_runs_its_app_as_the_non_root_user(string image, string project)
    {
        var dockerfile = Dockerfile(image);
        var final = dockerfile[dockerfile.LastIndexOf("\nFROM ", StringComparison.Ordinal)..];
        var assembly = Path.GetFileNameWithoutExtension(project);

        Assert.Contains("USER $APP_UID", final);
        Assert.Contains($"ENTRYPOINT [\"dotnet\", \"{assembly}.dll\"]", final);
    }

    private static string Dockerfile(string image) => File.ReadAllText(Repo.PathOf("deploy", "docker", $"{image}.Dockerfile"));

    /// <summary>The project and every project it references, transitively, as repository-relative paths.</summary>
    private static List<string> Closure(string project)
    {
        var found = new List<string>();
        var pending = new Queue<string>([project]);
        while (pending.TryDequeue(out var next))
        {
            if (found.Contains(next)) continue;
            found.Add(next);
            foreach (var reference in Items(next).Where(i => i.Name.LocalName == "ProjectReference"))
            {
                pending.Enqueue(Relative(next, reference.Attribute("Include")!.Value));
            }
        }
        return found;
    }

    /// <summary>Files a project includes from outside its own folder (the schema scripts, for one).</summary>
    private static IEnumerable<string> OutsidePaths(string csproj) =>
        Items(csproj).Where(i => i.Name.LocalName != "ProjectReference")
            .Select(i => i.Attribute("Include")?.Value).OfType<string>()
            .Where(p => p.StartsWith("../", StringComparison.Ordinal))
            .Select(p => Path.GetDirectoryName(Relative(csproj, p))!);

    private static IEnumerable<XElement> Items(string csproj) =>
        XDocument.Load(Repo.PathOf(csproj)).Descendants("ItemGroup").Elements();

    private static string Relative(string from, string include) =>
        Path.GetRelativePath(Repo.Root, Path.GetFullPath(Path.Combine(Repo.Root, Path.GetDirectoryName(from)!, include))).Replace('\\', '/');

    [GeneratedRegex(@"^COPY\s+(?!--from)(?:--\S+\s+)*(?<src>\S+)\s", RegexOptions.Multiline)]
    private static partial Regex CopyRegex();

    [GeneratedRegex(@"^EXPOSE\s+(?<ports>[\d ]+)$", RegexOptions.Multiline)]
    private static partial Regex ExposeRegex();
}
