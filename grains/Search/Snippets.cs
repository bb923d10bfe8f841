namespace GoChat.Grains.Search;

/// <summary>
/// Turns ts_headline's output into plain text parts. PostgreSQL marks matches with <see cref="Start"/> and
/// <see cref="Stop"/>, control characters that stored text can never hold (TextRules refuses them), so a message
/// cannot fake a highlight; and the parts are text, so a client has no markup to inject.
/// </summary>
public static class Snippets
{
    public const char Start = '\u0002';
    public const char Stop = '\u0003';
    private const string Ellipsis = "…";

    /// <summary>The headline was made twice (Malay, then English): a word both matched is marked twice, so marks nest.</summary>
    public static IReadOnlyList<SnippetPart> Parse(string headline, int maxLength = SearchLimits.SnippetLength)
    {
        var chars = new List<(char C, bool Match)>(headline.Length);
        var depth = 0;
        foreach (var c in headline)
        {
            if (c == Start) depth++;
            else if (c == Stop) depth = Math.Max(0, depth - 1);
            else chars.Add((c, depth > 0));
        }
        var (from, to) = Window(chars, maxLength);
        var parts = new List<SnippetPart>();
        if (from > 0) parts.Add(new SnippetPart(Ellipsis, false));
        for (var i = from; i < to;)
        {
            var match = chars[i].Match;
            var end = i;
            while (end < to && chars[end].Match == match) end++;
            parts.Add(new SnippetPart(new string(chars.Skip(i).Take(end - i).Select(x => x.C).ToArray()), match));
            i = end;
        }
        if (to < chars.Count) parts.Add(new SnippetPart(Ellipsis, false));
        return Merge(parts);
    }

    /// <summary>A long message shows from a little before its first match, cut at spaces where it can be.</summary>
    private static (int From, int To) Window(List<(char C, bool Match)> chars, int maxLength)
    {
        if (chars.Count <= maxLength) return (0, chars.Count);
        var first = Math.Max(0, chars.FindIndex(x => x.Match));
        var from = Math.Max(0, Math.Min(first - maxLength / 4, chars.Count - maxLength));
        if (from > 0)
        {
            var space = chars.FindIndex(from, Math.Max(0, Math.Min(20, first - from)), x => char.IsWhiteSpace(x.C));
            if (space >= 0) from = space + 1;
        }
        var to = Math.Min(chars.Count, from + maxLength);
        if (to < chars.Count)
        {
            var space = chars.FindLastIndex(to - 1, Math.Max(0, Math.Min(20, to - first - 1)), x => char.IsWhiteSpace(x.C));
            if (space > first) to = space;
        }
        return (from, to);
    }

    private static List<SnippetPart> Merge(List<SnippetPart> parts)
    {
        var merged = new List<SnippetPart>();
        foreach (var p in parts)
        {
            if (merged.Count > 0 && merged[^1].Match == p.Match) merged[^1] = merged[^1] with { Text = merged[^1].Text + p.Text };
            else merged.Add(p);
        }
        return merged;
    }
}
