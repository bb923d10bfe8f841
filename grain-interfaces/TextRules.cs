using System.Globalization;
using System.Text;

namespace GoChat.GrainInterfaces;

/// <summary>
/// The one rule for every piece of text a client sends, used by the gateway (to refuse early) and by the
/// grains (the real boundary). PostgreSQL refuses U+0000 in text and jsonb refuses it in grain state, so a
/// NUL that got in once broke every later write of its row; control characters and lone surrogates are refused
/// for the same reason, and text that renders as nothing counts as no text at all.
/// </summary>
public static class TextRules
{
    /// <summary>Characters that render as nothing although Unicode does not class them as spaces or format characters.</summary>
    private static readonly HashSet<int> Invisible =
    [
        0x034F, // combining grapheme joiner
        0x115F, 0x1160, 0x3164, 0xFFA0, // Hangul fillers
        0x17B4, 0x17B5, // Khmer inherent vowels
        0x2800, // braille pattern blank
    ];

    /// <summary>
    /// Null when the text may be stored, else why not: C0 controls other than tab, newline and CR before
    /// newline, DEL, C1 controls, and surrogates without their pair.
    /// </summary>
    public static string? Problem(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 0x20)
            {
                if (c is '\t' or '\n') continue;
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') continue;
                return $"control character U+{(int)c:X4}";
            }
            if (c is >= '\u007F' and <= '\u009F') return $"control character U+{(int)c:X4}";
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
                return "an unpaired surrogate";
            }
            if (char.IsLowSurrogate(c)) return "an unpaired surrogate";
        }
        return null;
    }

    /// <summary>Refuses text that <see cref="Problem"/> finds fault with: INVALID_TEXT.</summary>
    public static void RequireStorable(string? text, string what)
    {
        if (text is null) return;
        if (Problem(text) is { } problem) throw new GoChatException(ErrorCodes.InvalidText, $"{what} contains {problem}.");
    }

    /// <summary>
    /// True when nothing of the text would show: only white space, controls, format characters (zero-width
    /// space and joiners, U+2060, U+FEFF, bidi controls, tags) and the few other invisible characters.
    /// </summary>
    public static bool IsBlank(string? text)
    {
        if (string.IsNullOrEmpty(text)) return true;
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune) || Invisible.Contains(rune.Value)) continue;
            if (rune.Value is >= 0xFE00 and <= 0xFE0F or >= 0xE0100 and <= 0xE01EF) continue; // variation selectors
            switch (Rune.GetUnicodeCategory(rune))
            {
                case UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator:
                case UnicodeCategory.Control or UnicodeCategory.Format:
                    continue;
                default:
                    return false;
            }
        }
        return true;
    }

    /// <summary>A message's text, kept exactly as written: INVALID_TEXT, EMPTY_TEXT or TEXT_TOO_LONG otherwise.</summary>
    /// <summary>A caption under attachments: like a message's text, but it may be empty.</summary>
    public static string Caption(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        return IsBlank(text) ? "" : MessageText(text);
    }

    public static string MessageText(string? text)
    {
        RequireStorable(text, "The message");
        if (IsBlank(text)) throw new GoChatException(ErrorCodes.EmptyText, "A message needs some text.");
        if (text!.Length > Limits.MaxTextLength) throw new GoChatException(ErrorCodes.TextTooLong, $"A message holds at most {Limits.MaxTextLength} characters.");
        return text;
    }

    /// <summary>A name that must be there (group, display, agency, device): trimmed; blank or too long is INVALID_ARGUMENT.</summary>
    public static string Required(string? value, int max, string what)
    {
        RequireStorable(value, what);
        var trimmed = value?.Trim();
        if (IsBlank(trimmed)) throw GoChatException.Invalid($"{what} is required.");
        if (trimmed!.Length > max) throw GoChatException.Invalid($"{what} has at most {max} characters.");
        return trimmed;
    }

    /// <summary>A field that may be left out (position, status, a search filter): trimmed, and blank becomes null.</summary>
    public static string? Optional(string? value, int max, string what)
    {
        RequireStorable(value, what);
        var trimmed = value?.Trim();
        if (IsBlank(trimmed)) return null;
        if (trimmed!.Length > max) throw GoChatException.Invalid($"{what} has at most {max} characters.");
        return trimmed;
    }

    /// <summary>A client's idempotency key: 1 to <see cref="Limits.MaxClientMessageIdLength"/> visible characters.</summary>
    public static string ClientMessageId(string? clientId)
    {
        RequireStorable(clientId, "The client message id");
        if (IsBlank(clientId) || clientId!.Length > Limits.MaxClientMessageIdLength)
        {
            throw GoChatException.Invalid($"A client message id of 1 to {Limits.MaxClientMessageIdLength} characters is required.");
        }
        return clientId;
    }
}
