using System.Collections.Frozen;
using System.Text;

namespace GoChat.Files.Types;

/// <summary>
/// Unicode normalisation form C (UAX #15) for file names. GoChat runs with InvariantGlobalization, and there
/// <see cref="string.Normalize()"/> returns its input unchanged: a name typed on a Mac (which keeps names decomposed)
/// would then differ from the same name typed on Windows. The tables are in NfcData.g.cs; Hangul is composed by
/// arithmetic, as the standard defines it.
/// </summary>
internal static partial class Nfc
{
    private const int HangulBase = 0xAC00, LeadBase = 0x1100, VowelBase = 0x1161, TrailBase = 0x11A7;
    private const int LeadCount = 19, VowelCount = 21, TrailCount = 28, HangulCount = LeadCount * VowelCount * TrailCount;

    private static readonly FrozenDictionary<int, (int First, int Second)> Decomposed = BuildDecompositions();
    private static readonly FrozenDictionary<long, int> Composed = BuildCompositions();

    public static string Normalize(string text)
    {
        // Nothing below U+0300 decomposes to anything but itself or combines with what follows it.
        if (!text.AsSpan().ContainsAnyInRange((char)0x0300, char.MaxValue)) return text;

        var runes = new List<int>(text.Length);
        foreach (var rune in text.EnumerateRunes()) Decompose(rune.Value, runes);
        OrderMarks(runes);
        Compose(runes);

        var builder = new StringBuilder(text.Length);
        foreach (var value in runes) builder.Append(new Rune(value));
        return builder.ToString();
    }

    private static void Decompose(int value, List<int> into)
    {
        if (value is >= HangulBase and < HangulBase + HangulCount)
        {
            var index = value - HangulBase;
            into.Add(LeadBase + index / (VowelCount * TrailCount));
            into.Add(VowelBase + index % (VowelCount * TrailCount) / TrailCount);
            if (index % TrailCount != 0) into.Add(TrailBase + index % TrailCount);
            return;
        }
        if (!Decomposed.TryGetValue(value, out var parts))
        {
            into.Add(value);
            return;
        }
        Decompose(parts.First, into);
        if (parts.Second != 0) Decompose(parts.Second, into);
    }

    // Canonical ordering: within a run of combining marks, a stable sort by combining class.
    private static void OrderMarks(List<int> runes)
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
        return Composed.TryGetValue(Pair(first, second), out composite);
    }

    private static int CombiningClass(int value)
    {
        var table = CombiningClasses;
        int low = 0, high = table.Length / 3 - 1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            if (value < table[middle * 3]) high = middle - 1;
            else if (value > table[middle * 3 + 1]) low = middle + 1;
            else return table[middle * 3 + 2];
        }
        return 0;
    }

    private static long Pair(int first, int second) => (long)first << 21 | (uint)second;

    private static FrozenDictionary<int, (int, int)> BuildDecompositions()
    {
        var table = Decompositions;
        var map = new Dictionary<int, (int, int)>(table.Length / 4);
        for (var i = 0; i < table.Length; i += 4) map[table[i]] = (table[i + 1], table[i + 2]);
        return map.ToFrozenDictionary();
    }

    private static FrozenDictionary<long, int> BuildCompositions()
    {
        var table = Decompositions;
        var map = new Dictionary<long, int>();
        for (var i = 0; i < table.Length; i += 4)
        {
            if (table[i + 2] != 0 && table[i + 3] == 0) map[Pair(table[i + 1], table[i + 2])] = table[i];
        }
        return map.ToFrozenDictionary();
    }
}
