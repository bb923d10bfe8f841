namespace GoChat.Grains.Channels;

/// <summary>A broadcast's topic tags: trimmed, without a leading '#', compared without case, each shown once.</summary>
public static class BroadcastTags
{
    public static IReadOnlyList<string> Clean(IReadOnlyList<string>? tags)
    {
        if (tags is null || tags.Count == 0) return [];
        if (tags.Count > Limits.MaxBroadcastTags) throw GoChatException.Invalid($"A broadcast has at most {Limits.MaxBroadcastTags} tags.");
        var clean = new List<string>();
        foreach (var raw in tags)
        {
            var tag = TextRules.Required(raw?.Trim().TrimStart('#'), Limits.MaxBroadcastTagLength, "A tag");
            if (tag.Any(char.IsWhiteSpace)) throw GoChatException.Invalid("A tag is one word (use - or _ between words).");
            if (!clean.Contains(tag, StringComparer.OrdinalIgnoreCase)) clean.Add(tag);
        }
        return clean;
    }
}
