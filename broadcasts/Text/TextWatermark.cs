using System.Text;
using GoChat.Broadcasts.Marks;

namespace GoChat.Broadcasts.Text;

/// <summary>
/// Weaves a <see cref="MarkCodec"/> codeword invisibly into a broadcast's text and reads it back from a leaked copy.
/// </summary>
/// <remarks>
/// <para>
/// The carrier: at the end of every word — right before the whitespace that follows it, after any punctuation — goes a
/// cluster of 8 invisible characters: WORD JOINER, then 3 symbols for which of the 20 codeword bytes this is, then 4
/// symbols for the byte (2 bits a symbol, see <see cref="TextMarkAlphabet"/>). Byte k goes at the word gaps
/// k, k + 20, k + 40, …, so any 20 consecutive gaps hold a full copy and a long text holds many. A text with fewer than
/// 20 gaps stacks several clusters in each gap so it still carries one full copy.
/// </para>
/// <para>
/// Where the clusters go depends only on the text, never on the recipient: every recipient's copy has the same length,
/// the same visible characters and invisible characters in the same places; only which invisible characters differs.
/// The word joiner glues a cluster to the word before it, so no line can break inside or in front of it and lines wrap
/// where they did without the mark.
/// </para>
/// <para>
/// What removes it: anything that drops these characters — retyping, OCR of a screenshot, an app that strips
/// zero-width or format characters. Whitespace collapsing and NFKC leave it intact; a partial copy keeps it while it
/// holds enough word gaps (about 20).
/// </para>
/// </remarks>
public static class TextWatermark
{
    private const int Bytes = MarkCodec.CodewordBytes;

    /// <summary>
    /// The text with the codeword woven in. The sender's own mark characters are removed first
    /// (<see cref="RemoveMarkCharacters"/>) so they cannot be read as part of the mark.
    /// </summary>
    public static string Embed(string text, ReadOnlySpan<byte> codeword)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (codeword.Length != Bytes)
            throw new ArgumentException($"A codeword is {Bytes} bytes, not {codeword.Length}.", nameof(codeword));

        var clean = RemoveMarkCharacters(text);
        var gaps = Gaps(clean);
        // A text without a word gap carries its clusters at the end.
        if (gaps.Count == 0) gaps.Add(clean.Length);
        var clusters = Math.Max(gaps.Count, Bytes);

        var marked = new StringBuilder(clean.Length + clusters * TextMarkAlphabet.ClusterLength);
        var copied = 0;
        var next = 0;
        for (var g = 0; g < gaps.Count; g++)
        {
            marked.Append(clean, copied, gaps[g] - copied);
            copied = gaps[g];
            // Spread the clusters as evenly as the gaps allow: gap g holds clusters up to (g + 1)·clusters/gaps.
            var until = (int)((long)(g + 1) * clusters / gaps.Count);
            for (; next < until; next++) AppendCluster(marked, next % Bytes, codeword[next % Bytes]);
        }
        marked.Append(clean, copied, clean.Length - copied);
        return marked.ToString();
    }

    /// <summary>The text with <paramref name="mark"/>'s codeword woven in.</summary>
    public static string Embed(string text, DeliveryMark mark) => Embed(text, MarkCodec.Encode(mark));

    /// <summary>
    /// What the sender wrote: a marked copy without its mark. Byte-identical to the original for any text that had no
    /// mark characters of its own (U+2060..U+2064); others, such as ZWJ in emoji, are kept.
    /// </summary>
    public static string Strip(string text) => RemoveMarkCharacters(text);

    /// <summary>
    /// Removes U+2060..U+2064 from a sender's text. <see cref="Embed(string, ReadOnlySpan{byte})"/> does this itself,
    /// so a broadcast's own word joiners are gone from every copy — rendered the same, since none of them shows.
    /// </summary>
    public static string RemoveMarkCharacters(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = text.AsSpan().IndexOfAnyInRange('\u2060', '\u2064');
        if (first < 0) return text;
        var kept = new StringBuilder(text.Length);
        kept.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
            if (!TextMarkAlphabet.IsMarkCharacter(text[i])) kept.Append(text[i]);
        return kept.ToString();
    }

    /// <summary>
    /// The codewords a copy may carry, most trusted first: the byte-wise majority over every cluster in the text (a byte
    /// with no cluster or a tied vote is an erasure), then each full or partial copy on its own, in text order — which
    /// is what finds a recipient in a text pasted together from two copies. Empty when the text has no readable cluster.
    /// Every candidate decoded and compared adds to the false-attribution bound (see <see cref="DeliveryMarks"/>).
    /// </summary>
    public static IReadOnlyList<MarkCandidate> Candidates(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var clusters = Read(text);
        var candidates = new List<MarkCandidate>();
        if (clusters.Count == 0) return candidates;

        var votes = new int[Bytes, 256];
        foreach (var c in clusters) votes[c.Index, c.Value]++;
        candidates.Add(Majority(votes));

        // A copy is a run of clusters with rising indices; a falling index starts the next one.
        var copy = new List<TextMarkCluster>();
        var previous = -1;
        foreach (var c in clusters)
        {
            if (c.Index <= previous) AddCopy(candidates, copy);
            copy.Add(c);
            previous = c.Index;
        }
        AddCopy(candidates, copy);
        return candidates;
    }

    /// <summary>Every distinct mark that a candidate of <paramref name="text"/> decodes to, most trusted first.</summary>
    public static IReadOnlyList<DeliveryMark> DecodedMarks(string text)
    {
        var marks = new List<DeliveryMark>();
        foreach (var candidate in Candidates(text))
            if (candidate.TryDecode(out var mark) && !marks.Contains(mark)) marks.Add(mark);
        return marks;
    }

    /// <summary>The first mark a candidate of <paramref name="text"/> decodes to.</summary>
    public static bool TryExtract(string text, out DeliveryMark mark)
    {
        foreach (var candidate in Candidates(text))
            if (candidate.TryDecode(out mark)) return true;
        mark = default;
        return false;
    }

    /// <summary>Positions right after a word: each whitespace character that follows a non-whitespace one.</summary>
    private static List<int> Gaps(string text)
    {
        var gaps = new List<int>();
        for (var i = 1; i < text.Length; i++)
            if (char.IsWhiteSpace(text[i]) && !char.IsWhiteSpace(text[i - 1])) gaps.Add(i);
        return gaps;
    }

    private static void AppendCluster(StringBuilder text, int index, byte value)
    {
        text.Append(TextMarkAlphabet.Start);
        for (var s = TextMarkAlphabet.IndexSymbols - 1; s >= 0; s--) text.Append(TextMarkAlphabet.Symbols[(index >> (2 * s)) & 3]);
        for (var s = TextMarkAlphabet.ValueSymbols - 1; s >= 0; s--) text.Append(TextMarkAlphabet.Symbols[(value >> (2 * s)) & 3]);
    }

    /// <summary>
    /// Every well-formed cluster in text order. A start character followed by anything but exactly 7 symbols, or naming
    /// a byte past 19, is damage and is skipped rather than guessed at.
    /// </summary>
    private static List<TextMarkCluster> Read(string text)
    {
        var clusters = new List<TextMarkCluster>();
        var i = text.IndexOf(TextMarkAlphabet.Start);
        while (i >= 0)
        {
            var symbols = 0;
            var bits = 0;
            var j = i + 1;
            for (; j < text.Length; j++)
            {
                var symbol = TextMarkAlphabet.SymbolOf(text[j]);
                if (symbol < 0) break;
                symbols++;
                bits = (bits << 2) | symbol;
            }
            if (symbols == TextMarkAlphabet.IndexSymbols + TextMarkAlphabet.ValueSymbols)
            {
                var index = bits >> (2 * TextMarkAlphabet.ValueSymbols);
                if (index < Bytes) clusters.Add(new TextMarkCluster(index, (byte)bits));
            }
            i = text.IndexOf(TextMarkAlphabet.Start, j);
        }
        return clusters;
    }

    private static MarkCandidate Majority(int[,] votes)
    {
        var codeword = new byte[Bytes];
        var erasures = new List<int>();
        for (var b = 0; b < Bytes; b++)
        {
            int best = 0, bestVotes = 0, runnerUpVotes = 0;
            for (var v = 0; v < 256; v++)
            {
                if (votes[b, v] > bestVotes)
                {
                    runnerUpVotes = bestVotes;
                    bestVotes = votes[b, v];
                    best = v;
                }
                else if (votes[b, v] > runnerUpVotes)
                {
                    runnerUpVotes = votes[b, v];
                }
            }
            codeword[b] = (byte)best;
            if (bestVotes == runnerUpVotes) erasures.Add(b);
        }
        return new MarkCandidate(codeword, [.. erasures]);
    }

    private static void AddCopy(List<MarkCandidate> candidates, List<TextMarkCluster> copy)
    {
        if (copy.Count == 0) return;
        // With more than 8 bytes missing the codec cannot fill them in, so the copy is not worth a candidate.
        if (copy.Count >= Bytes - MarkCodec.ParityBytes)
        {
            var codeword = new byte[Bytes];
            var present = new bool[Bytes];
            foreach (var c in copy)
            {
                codeword[c.Index] = c.Value;
                present[c.Index] = true;
            }
            var erasures = Enumerable.Range(0, Bytes).Where(b => !present[b]).ToArray();
            var candidate = new MarkCandidate(codeword, erasures);
            if (!candidates.Any(c => c.Codeword.AsSpan().SequenceEqual(codeword) && c.Erasures.AsSpan().SequenceEqual(erasures)))
                candidates.Add(candidate);
        }
        copy.Clear();
    }
}
