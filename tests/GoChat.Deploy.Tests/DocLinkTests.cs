using System.Text.RegularExpressions;

namespace GoChat.Deploy.Tests;

/// <summary>
/// A clone of the repository is all a reader or an operator has: the docs must not send them to files outside it
/// (a "../shared/..." that only exists on the machine it was written on) or to files that were moved or removed.
/// </summary>
public sealed partial class DocLinkTests
{
    private static readonly string[] SkippedFolders = ["node_modules", "bin", "obj", ".git", ".data", "wwwroot"];

    public static TheoryData<string> Docs() => new(DocPaths());

    private static IEnumerable<string> DocPaths() =>
        MarkdownFiles(Repo.Root).Select(file => Path.GetRelativePath(Repo.Root, file).Replace('\\', '/'));

    [Fact]
    public void The_readme_and_the_docs_are_among_the_files_checked()
    {
        var docs = DocPaths().ToList();
        Assert.Contains("README.md", docs);
        Assert.Contains("bench/README.md", docs);
        Assert.Contains("docs/operations.md", docs);
    }

    [Theory, MemberData(nameof(Docs))]
    public void Docs_link_only_to_files_inside_the_repository(string doc)
    {
        var path = Repo.PathOf(doc);
        var text = File.ReadAllText(path);
        var problems = new List<string>();
        foreach (var target in LinkTargets(text))
        {
            if (IsExternal(target)) continue;
            var (file, anchor) = Split(target);
            if (file.Length == 0)
            {
                if (!Anchors(text).Contains(anchor)) problems.Add($"{target}: no heading with that anchor in {doc}");
                continue;
            }
            if (Path.IsPathRooted(file) || file.StartsWith('~'))
            {
                problems.Add($"{target}: an absolute path, not a path inside the repository");
                continue;
            }
            var resolved = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, Uri.UnescapeDataString(file)));
            if (resolved != Repo.Root && !resolved.StartsWith(Repo.Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                problems.Add($"{target}: outside the repository ({resolved})");
            else if (!File.Exists(resolved) && !Directory.Exists(resolved))
                problems.Add($"{target}: no such file or folder in the repository");
            else if (anchor.Length > 0 && File.Exists(resolved) && resolved.EndsWith(".md", StringComparison.Ordinal) && !Anchors(File.ReadAllText(resolved)).Contains(anchor))
                problems.Add($"{target}: no heading with that anchor in {Path.GetRelativePath(Repo.Root, resolved)}");
        }
        Assert.True(problems.Count == 0, $"{doc} has links that a clone cannot follow:\n  " + string.Join("\n  ", problems));
    }

    [Fact]
    public void A_link_out_of_the_repository_or_to_a_missing_file_is_found()
    {
        // The checker itself, on the two mistakes it exists for.
        var targets = LinkTargets("Architecture: [`../shared/DESIGN.md`](../shared/DESIGN.md), [ops](docs/operations.md), [web](https://example.test/x), [gone](docs/gone.md#x)\n```\n[in code](../not/a/link)\n```\n[ref]: ../ref.md").ToList();
        Assert.Equal(["../shared/DESIGN.md", "docs/operations.md", "https://example.test/x", "docs/gone.md#x", "../ref.md"], targets);
        Assert.Equal(("docs/gone.md", "x"), Split("docs/gone.md#x"));
        Assert.Contains("how-a-message-travels", Anchors("## How a message travels\n"));
        Assert.Contains("cluster-on-one-machine", Anchors("## Cluster on one machine"));
    }

    private static IEnumerable<string> MarkdownFiles(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*.md")) yield return file;
        foreach (var sub in Directory.EnumerateDirectories(folder))
        {
            if (SkippedFolders.Contains(Path.GetFileName(sub))) continue;
            foreach (var file in MarkdownFiles(sub)) yield return file;
        }
    }

    /// <summary>Inline link and image targets and reference definitions, outside fenced code blocks.</summary>
    private static IEnumerable<string> LinkTargets(string markdown)
    {
        var prose = FenceRegex().Replace(markdown, "");
        foreach (Match m in InlineLinkRegex().Matches(prose)) yield return m.Groups["target"].Value;
        foreach (Match m in ReferenceRegex().Matches(prose)) yield return m.Groups["target"].Value;
    }

    private static bool IsExternal(string target) =>
        target.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || target.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
        || target.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase);

    private static (string File, string Anchor) Split(string target)
    {
        var hash = target.IndexOf('#');
        return hash < 0 ? (target, "") : (target[..hash], target[(hash + 1)..]);
    }

    /// <summary>The anchors GitHub gives headings: lower case, punctuation dropped, spaces as hyphens.</summary>
    private static HashSet<string> Anchors(string markdown) =>
        HeadingRegex().Matches(FenceRegex().Replace(markdown, "")).Select(m =>
        {
            var text = m.Groups["text"].Value.Trim().ToLowerInvariant();
            var kept = new string(text.Where(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_').ToArray());
            return kept.Replace(' ', '-');
        }).ToHashSet();

    [GeneratedRegex(@"^```.*?^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FenceRegex();

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)(\s+""[^""]*"")?\)")]
    private static partial Regex InlineLinkRegex();

    [GeneratedRegex(@"^\s{0,3}\[[^\]]+\]:\s*(?<target>\S+)", RegexOptions.Multiline)]
    private static partial Regex ReferenceRegex();

    [GeneratedRegex(@"^#{1,6}\s+(?<text>.+?)\s*#*\s*$", RegexOptions.Multiline)]
    private static partial Regex HeadingRegex();
}
