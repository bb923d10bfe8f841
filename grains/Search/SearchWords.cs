using System.Globalization;
using System.Text;

namespace GoChat.Grains.Search;

/// <summary>
/// A query's words: runs of letters and digits, lower-cased, each at most once. Everything else separates words, so
/// no character of a query ever reaches PostgreSQL's tsquery syntax (each word goes to plainto_tsquery as a value).
/// </summary>
public static class SearchWords
{
    public static IReadOnlyList<string> Of(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune) || Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
            {
                current.Append(Rune.ToLowerInvariant(rune).ToString());
                continue;
            }
            Flush();
        }
        Flush();
        return words.Take(SearchLimits.MaxWords).ToList();

        void Flush()
        {
            if (current.Length == 0) return;
            var word = current.ToString();
            current.Clear();
            if (!words.Contains(word, StringComparer.Ordinal)) words.Add(word);
        }
    }
}
