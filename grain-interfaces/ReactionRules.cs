using System.Globalization;
using System.Text;

namespace GoChat.GrainInterfaces;

/// <summary>
/// What a reaction may be: one emoji as a person sees it (one grapheme cluster), never a word. Used by the gateway
/// to refuse early and by the conversation as the real boundary.
/// </summary>
public static class ReactionRules
{
    /// <summary>The emoji, as given: INVALID_REACTION for anything that is not exactly one emoji.</summary>
    public static string Emoji(string? emoji)
    {
        if (string.IsNullOrEmpty(emoji) || emoji.Length > Limits.MaxReactionLength || TextRules.Problem(emoji) is not null
            || StringInfo.GetNextTextElementLength(emoji) != emoji.Length || !IsEmoji(emoji))
        {
            throw new GoChatException(ErrorCodes.InvalidReaction, "A reaction is one emoji.");
        }
        return emoji;
    }

    /// <summary>
    /// Every rune is a pictograph or one of the parts emoji sequences are made of (joiners, variation selectors, skin
    /// tones, keycaps, tag letters of subdivision flags), and at least one is a pictograph: "a", "1" or "ab" are not.
    /// </summary>
    private static bool IsEmoji(string emoji)
    {
        var pictograph = false;
        var runes = emoji.EnumerateRunes().ToList();
        for (var i = 0; i < runes.Count; i++)
        {
            var v = runes[i].Value;
            if (v is 0x200D or 0xFE0F or 0xFE0E or 0x20E3 or >= 0xE0020 and <= 0xE007F) continue;
            if (v is >= 0x1F3FB and <= 0x1F3FF) continue; // skin tones
            if (v is '#' or '*' or >= '0' and <= '9')
            {
                // Only as the base of a keycap (1️⃣): a digit followed by the keycap mark, after an optional FE0F.
                var next = i + 1 < runes.Count ? runes[i + 1].Value : 0;
                var after = i + 2 < runes.Count ? runes[i + 2].Value : 0;
                if (next == 0x20E3 || next == 0xFE0F && after == 0x20E3) { pictograph = true; continue; }
                return false;
            }
            if (Rune.GetUnicodeCategory(runes[i]) != UnicodeCategory.OtherSymbol) return false;
            pictograph = true;
        }
        return pictograph;
    }
}
