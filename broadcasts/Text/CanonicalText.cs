using System.Text;

namespace GoChat.Broadcasts.Text;

/// <summary>
/// The form of a broadcast's text that its agency signs and that the public check (/semak) compares. A forwarded copy
/// picks up invisible marks (the delivery watermark, a phone's zero-width joiners, a byte-order mark), non-breaking
/// spaces, wrapped lines and fullwidth letters on its way; none of these change what the text says, so none of them
/// may change the canonical form. Any visible edit (a letter, a digit, a word) does.
/// </summary>
/// <remarks>
/// In this order, exactly as docs/broadcasts/signatures.md says:
/// <list type="number">
/// <item>Drop every format character (general category Cf, which takes in U+200B–U+200F, U+2060–U+2064, U+FEFF, the
/// bidirectional controls, the soft hyphen and the tag characters) and every variation selector (U+180B–U+180D,
/// U+180F, U+FE00–U+FE0F, U+E0100–U+E01EF). First, so that a mark between a letter and its accent cannot stop the two
/// composing.</item>
/// <item>NFKC (Unicode <see cref="Nfkc.UnicodeVersion"/>).</item>
/// <item>Drop format characters and variation selectors once more; no Unicode 14 decomposition yields one, but the
/// rule then holds by construction rather than by a property of the tables.</item>
/// <item>Replace every run of White_Space characters (U+0009–U+000D, U+0020, U+0085, U+00A0, U+1680, U+2000–U+200A,
/// U+2028, U+2029, U+202F, U+205F, U+3000) with one U+0020, and drop it at the start and the end.</item>
/// </list>
/// Lone surrogates become U+FFFD. Letter case is kept: a change of case is a visible edit.
/// </remarks>
public static class CanonicalText
{
    public static string Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = Nfkc.Normalize(WithoutMarks(text));
        var builder = new StringBuilder(normalized.Length);
        var pendingSpace = false;
        foreach (var rune in normalized.EnumerateRunes())
        {
            var value = rune.Value;
            if (IsMark(value)) continue;
            if (IsWhiteSpace(value))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }
            if (pendingSpace) builder.Append(' ');
            pendingSpace = false;
            builder.Append(rune);
        }
        return builder.ToString();
    }

    internal static bool IsMark(int value) =>
        value is >= 0x180B and <= 0x180D or 0x180F or >= 0xFE00 and <= 0xFE0F or >= 0xE0100 and <= 0xE01EF
        || Nfkc.IsFormat(value);

    // Unicode's White_Space property, spelled out so that it does not move with the runtime's Unicode version.
    internal static bool IsWhiteSpace(int value) =>
        value is >= 0x09 and <= 0x0D or 0x20 or 0x85 or 0xA0 or 0x1680 or >= 0x2000 and <= 0x200A
            or 0x2028 or 0x2029 or 0x202F or 0x205F or 0x3000;

    private static string WithoutMarks(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (!IsMark(rune.Value)) builder.Append(rune);
        }
        return builder.ToString();
    }
}
