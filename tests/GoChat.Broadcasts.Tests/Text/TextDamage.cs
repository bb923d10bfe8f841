using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace GoChat.Broadcasts.Tests.Text;

/// <summary>What happens to a leaked copy on its way out: each is one way a forwarder or an app changes the text.</summary>
internal static partial class TextDamage
{
    /// <summary>Every run of whitespace (spaces, no-break spaces, newlines) becomes one U+0020, as many editors do.</summary>
    public static string CollapseWhitespace(string text) => Whitespace().Replace(text, " ");

    /// <summary>
    /// What NFKC does to these texts. With InvariantGlobalization string.Normalize cannot be relied on, so the mappings
    /// are spelled out, checked with python3 unicodedata.normalize('NFKC', …): U+00A0, U+2000..U+200A, U+202F, U+205F
    /// and U+3000 become U+0020; U+2026 becomes "..."; full-width ASCII becomes ASCII. U+2060..U+2064 (the mark) and
    /// U+200B..U+200D stay as they are.
    /// </summary>
    public static string NfkcSimulated(string text)
    {
        var normalised = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\u00A0' or (>= '\u2000' and <= '\u200A') or '\u202F' or '\u205F' or '\u3000') normalised.Append(' ');
            else if (c == '\u2026') normalised.Append("...");
            else if (c is >= '\uFF01' and <= '\uFF5E') normalised.Append((char)(c - 0xFEE0));
            else normalised.Append(c);
        }
        return normalised.ToString();
    }

    public static string FirstHalf(string text) => text[..(text.Length / 2)];

    public static string SecondHalf(string text) => text[(text.Length / 2)..];

    public static string FirstQuarter(string text) => text[..(text.Length / 4)];

    /// <summary>A passage of about <paramref name="visible"/> visible characters from the middle, as someone quoting it.</summary>
    public static string Excerpt(string text, int visible)
    {
        var positions = Enumerable.Range(0, text.Length).Where(i => text[i] is < '\u2060' or > '\u2064').ToArray();
        var from = positions[Math.Max(0, positions.Length / 2 - visible / 2)];
        var to = positions[Math.Min(positions.Length - 1, positions.Length / 2 + visible / 2)];
        return text[from..to];
    }

    /// <summary>What a zero-width stripping app (or retyping) leaves: no format characters at all.</summary>
    public static string StripFormatCharacters(string text) =>
        string.Concat(text.Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format));

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
