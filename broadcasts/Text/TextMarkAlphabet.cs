namespace GoChat.Broadcasts.Text;

/// <summary>
/// The invisible characters a text mark is written in: WORD JOINER starts a cluster, the four invisible math operators
/// carry two bits each. All five are default-ignorable format characters (Cf, bidi class BN) that NFKC leaves alone.
/// </summary>
/// <remarks>
/// Not the more usual U+200B/U+200C/U+200D/U+FEFF: ZWJ joins emoji sequences and Jawi letters, ZWNJ shapes Tamil and
/// Persian, so neither could be removed from a sender's text before marking without changing how it looks; U+FEFF is
/// whitespace to JavaScript's <c>\s</c>, so collapsing spaces in a browser would eat it; U+200B opens a line-break
/// opportunity inside a cluster. None of these five has a use in a broadcast's prose, so removing them loses nothing.
/// </remarks>
internal static class TextMarkAlphabet
{
    public const char Start = '\u2060';

    /// <summary>Symbol value (0..3) to character: FUNCTION APPLICATION, INVISIBLE TIMES, SEPARATOR, PLUS.</summary>
    public static ReadOnlySpan<char> Symbols => "\u2061\u2062\u2063\u2064";

    /// <summary>Index symbols, then value symbols, after the start character.</summary>
    public const int IndexSymbols = 3;
    public const int ValueSymbols = 4;
    public const int ClusterLength = 1 + IndexSymbols + ValueSymbols;

    public static bool IsMarkCharacter(char c) => c is >= '\u2060' and <= '\u2064';

    /// <summary>The symbol value of <paramref name="c"/>, or -1 when it is not a data symbol.</summary>
    public static int SymbolOf(char c) => c is >= '\u2061' and <= '\u2064' ? c - '\u2061' : -1;
}
