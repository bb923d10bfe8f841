using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace GoChat.Broadcasts.Text;

/// <summary>
/// Unicode normalisation form KC (UAX #15), for the canonical form of broadcast text. GoChat runs with
/// InvariantGlobalization, and there <see cref="string.Normalize()"/> returns its input unchanged; a signature check
/// that trusted it would tell a fullwidth or ligature copy of a genuine broadcast that it is forged. The tables are in
/// NfkcData.g.cs, generated from Python's unicodedata so the version is fixed and known (<see cref="UnicodeVersion"/>);
/// Hangul is decomposed and composed by arithmetic, as the standard defines it. A lone surrogate becomes U+FFFD.
/// </summary>
internal static partial class Nfkc
{
    private const int HangulBase = 0xAC00, LeadBase = 0x1100, VowelBase = 0x1161, TrailBase = 0x11A7;
    private const int LeadCount = 19, VowelCount = 21, TrailCount = 28, HangulCount = LeadCount * VowelCount * TrailCount;

    // Nothing below U+00A0 has a compatibility or canonical decomposition, and nothing there combines.
    private const char FirstInteresting = '\u00A0';

    private static readonly FrozenDictionary<int, int[]> Decompositions = ParseDecompositions();
    private static readonly FrozenDictionary<long, int> Compositions = ParseCompositions();

    public static string Normalize(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange(FirstInteresting, char.MaxValue)) return text;

        var runes = new List<int>(text.Length + 8);
        foreach (var rune in text.EnumerateRunes()) Decompose(rune.Value, runes);
        Reorder(runes);
        Compose(runes);

        var builder = new StringBuilder(runes.Count);
        foreach (var value in runes) builder.Append(new Rune(value));
        return builder.ToString();
    }

    /// <summary>True for a character of general category Cf in the same Unicode version as the tables.</summary>
    public static bool IsFormat(int value) => InRanges(FormatRanges, 2, value) >= 0;

    private static void Decompose(int value, List<int> into)
    {
        if (value is >= HangulBase and < HangulBase + HangulCount)
        {
            var index = value - HangulBase;
            into.Add(LeadBase + index / (VowelCount * TrailCount));
            into.Add(VowelBase + index % (VowelCount * TrailCount) / TrailCount);
            if (index % TrailCount != 0) into.Add(TrailBase + index % TrailCount);
        }
        else if (Decompositions.TryGetValue(value, out var full))
        {
            into.AddRange(full); // already expanded all the way down by the generator
        }
        else
        {
            into.Add(value);
        }
    }

    // Canonical ordering: a stable sort by combining class inside every run of non-starters.
    private static void Reorder(List<int> runes)
    {
        for (var i = 1; i < runes.Count; i++)
        {
            var mark = runes[i];
            var cc = CombiningClass(mark);
            if (cc == 0) continue;
            var j = i;
            while (j > 0 && CombiningClass(runes[j - 1]) > cc)
            {
                runes[j] = runes[j - 1];
                j--;
            }
            runes[j] = mark;
        }
    }

    // Canonical composition: each character joins the last starter when nothing between them blocks it, that is when
    // it directly follows the starter or every character in between has a lower, non-zero class.
    private static void Compose(List<int> runes)
    {
        var starter = -1;
        var lastClass = -1; // -1: nothing kept since the starter
        var kept = 0;
        for (var i = 0; i < runes.Count; i++)
        {
            var value = runes[i];
            var cc = CombiningClass(value);
            var blocked = lastClass != -1 && (lastClass == 0 || lastClass >= cc);
            if (starter >= 0 && !blocked && TryCompose(runes[starter], value, out var composite))
            {
                runes[starter] = composite;
                continue;
            }
            if (cc == 0)
            {
                starter = kept;
                lastClass = -1;
            }
            else
            {
                lastClass = cc;
            }
            runes[kept++] = value;
        }
        runes.RemoveRange(kept, runes.Count - kept);
    }

    private static bool TryCompose(int first, int second, out int composite)
    {
        if (first is >= LeadBase and < LeadBase + LeadCount && second is >= VowelBase and < VowelBase + VowelCount)
        {
            composite = HangulBase + ((first - LeadBase) * VowelCount + second - VowelBase) * TrailCount;
            return true;
        }
        if (first is >= HangulBase and < HangulBase + HangulCount && (first - HangulBase) % TrailCount == 0
            && second is > TrailBase and < TrailBase + TrailCount)
        {
            composite = first + second - TrailBase;
            return true;
        }
        return Compositions.TryGetValue(Pair(first, second), out composite);
    }

    private static int CombiningClass(int value)
    {
        if (value < 0x300) return 0;
        var at = InRanges(CombiningClasses, 3, value);
        return at < 0 ? 0 : CombiningClasses[at + 2];
    }

    // Binary search of sorted, disjoint (first, last, ...) rows of the given width; the row's offset or -1.
    private static int InRanges(ReadOnlySpan<int> table, int width, int value)
    {
        int low = 0, high = table.Length / width - 1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            if (value < table[middle * width]) high = middle - 1;
            else if (value > table[middle * width + 1]) low = middle + 1;
            else return middle * width;
        }
        return -1;
    }

    private static long Pair(int first, int second) => (long)first << 21 | (uint)second;

    private static int Hex(ReadOnlySpan<char> text) => int.Parse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);

    private static FrozenDictionary<int, int[]> ParseDecompositions()
    {
        var map = new Dictionary<int, int[]>(6000);
        foreach (var word in Tokens(DecompositionText))
        {
            var token = word.AsSpan();
            var colon = token.IndexOf(':');
            var key = token[..colon];
            var value = token[(colon + 1)..];
            var plus = key.IndexOf('+');
            if (plus >= 0)
            {
                int first = Hex(key[..plus]), count = Hex(key[(plus + 1)..]), target = Hex(value);
                for (var i = 0; i < count; i++) map[first + i] = [target + i];
                continue;
            }
            var parts = new List<int>(4);
            foreach (var part in value.Split('.')) parts.Add(Hex(value[part]));
            map[Hex(key)] = [.. parts];
        }
        return map.ToFrozenDictionary();
    }

    private static FrozenDictionary<long, int> ParseCompositions()
    {
        var map = new Dictionary<long, int>(1000);
        foreach (var word in Tokens(CompositionText))
        {
            var token = word.AsSpan();
            var colon = token.IndexOf(':');
            var dot = token.IndexOf('.');
            map[Pair(Hex(token[(colon + 1)..dot]), Hex(token[(dot + 1)..]))] = Hex(token[..colon]);
        }
        return map.ToFrozenDictionary();
    }

    private static IEnumerable<string> Tokens(string text) =>
        text.Split([' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
}
