using System.Globalization;
using System.Text;

namespace GoChat.Files.Types;

/// <summary>File names as GoChat shows them and as downloads are saved: what the sender typed, minus what could deceive.</summary>
public static class FileNames
{
    /// <summary>What most file systems allow for one name, in UTF-8 bytes.</summary>
    public const int MaxBytes = 255;

    /// <summary>The name of a file whose name is nothing once cleaned ("file" in Malay).</summary>
    public const string DefaultName = "fail";

    // An "extension" longer than this is text after a dot, not a type, and may be cut like the rest of the name.
    private const int MaxExtensionBytes = 32;

    private static readonly HashSet<string> ReservedOnWindows = new(
        ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
            .. Enumerable.Range(0, 10).SelectMany(i => new[] { $"COM{i}", $"LPT{i}" }),
            "COM\u00B9", "COM\u00B2", "COM\u00B3", "LPT\u00B9", "LPT\u00B2", "LPT\u00B3"],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The name to show and to download under: NFC; the last part of a path; no control, bidi or other invisible
    /// formatting characters (so "invoice\u202Efdp.exe" shows as the .exe it is); runs of whitespace as one space; no
    /// leading or trailing dots and spaces; not a name Windows reserves for a device; at most <see cref="MaxBytes"/> UTF-8
    /// bytes, cut before the extension; <see cref="DefaultName"/> when nothing is left. Sanitising twice changes nothing.
    /// </summary>
    public static string Sanitize(string? name)
    {
        name ??= "";
        var lastPart = name[(name.AsSpan().LastIndexOfAny('/', '\\') + 1)..];

        var builder = new StringBuilder(lastPart.Length);
        var space = false;
        foreach (var rune in lastPart.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune))
            {
                space = builder.Length > 0;
                continue;
            }
            if (IsInvisible(rune)) continue;
            if (space) builder.Append(' ');
            space = false;
            builder.Append(rune);
        }
        var cleaned = Nfc.Normalize(builder.ToString()).TrimEnd('.', ' ');

        var dot = cleaned.LastIndexOf('.');
        var stem = (dot < 0 ? cleaned : cleaned[..dot]).Trim('.', ' ');
        var extension = dot < 0 ? "" : cleaned[(dot + 1)..];
        if (stem.Length == 0) stem = DefaultName;
        // Windows opens the device, not a file, for CON or "con.tar.gz": the part before the first dot is what counts.
        if (ReservedOnWindows.Contains(stem.Split('.')[0].TrimEnd(' '))) stem = "_" + stem;

        var joined = extension.Length == 0 ? stem : stem + "." + extension;
        return Encoding.UTF8.GetByteCount(joined) <= MaxBytes ? joined : Shorten(stem, extension);
    }

    /// <summary>The extension the name ends in once sanitised, as the reader's machine will see it: lower-case, no dot, "" if none.</summary>
    public static string Extension(string name)
    {
        var sanitized = Sanitize(name);
        var dot = sanitized.LastIndexOf('.');
        return dot < 0 ? "" : sanitized[(dot + 1)..].ToLowerInvariant();
    }

    /// <summary>
    /// The name a download of an accepted file is saved under: the sanitised name, with the type's own extension added when
    /// the name has none that fits (a voice note named "voice" becomes "voice.webm").
    /// </summary>
    public static string ForDownload(string? name, FileType type)
    {
        var sanitized = Sanitize(name);
        return type.Allows(Extension(sanitized)) ? sanitized : Sanitize(sanitized + "." + type.CanonicalExtension);
    }

    /// <summary>
    /// A Content-Disposition header value (RFC 6266) for the sanitised name: <c>filename="…"</c>, an ASCII stand-in for
    /// clients that know nothing newer, then <c>filename*=UTF-8''…</c> (RFC 5987), which every current browser prefers.
    /// </summary>
    /// <remarks>
    /// Not ContentDispositionHeaderValue.SetHttpFileName: its ASCII stand-in keeps %XX sequences (which some clients
    /// decode; RFC 6266 appendix D advises against them), escapes backslashes instead of replacing them (the appendix
    /// again), drops the quotes around a name that begins and ends with one, and writes two underscores for one emoji.
    /// </remarks>
    public static string ContentDisposition(string name, bool inline)
    {
        var sanitized = Sanitize(name);
        var fallback = new StringBuilder(sanitized.Length);
        foreach (var rune in sanitized.EnumerateRunes())
        {
            fallback.Append(rune.Value is >= 0x20 and < 0x7F and not ('"' or '\\' or '%') ? (char)rune.Value : '_');
        }
        var encoded = new StringBuilder(sanitized.Length * 3);
        foreach (var b in Encoding.UTF8.GetBytes(sanitized))
        {
            if (IsAttrChar(b)) encoded.Append((char)b);
            else encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return $"{(inline ? "inline" : "attachment")}; filename=\"{fallback}\"; filename*=UTF-8''{encoded}";
    }

    // RFC 5987 attr-char: what may stand unencoded in an extended parameter value.
    private static bool IsAttrChar(byte b) =>
        char.IsAsciiLetterOrDigit((char)b) || b is (byte)'!' or (byte)'#' or (byte)'$' or (byte)'&' or (byte)'+' or (byte)'-'
            or (byte)'.' or (byte)'^' or (byte)'_' or (byte)'`' or (byte)'|' or (byte)'~';

    // Control and format characters (the bidi embeddings, overrides and isolates, zero-width spaces and joiners, the
    // byte order mark, tag characters), and the few letters that draw nothing: Hangul fillers, the combining grapheme
    // joiner and the blank braille pattern, which make a name look empty or different from what it is.
    private static bool IsInvisible(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format
        || rune.Value is 0x034F or 0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x2800;

    private static string Shorten(string stem, string extension)
    {
        var keep = extension.Length > 0 && Encoding.UTF8.GetByteCount(extension) < MaxExtensionBytes ? "." + extension : "";
        var text = keep.Length > 0 ? stem : stem + (extension.Length > 0 ? "." + extension : "");
        var budget = MaxBytes - Encoding.UTF8.GetByteCount(keep);

        // Whole text elements only: neither half of a surrogate pair nor a letter without its accents.
        var cut = new StringBuilder();
        var used = 0;
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var element = (string)elements.Current;
            var size = Encoding.UTF8.GetByteCount(element);
            if (used + size > budget) break;
            cut.Append(element);
            used += size;
        }
        var shortened = cut.ToString().TrimEnd('.', ' ');
        return (shortened.Length == 0 ? DefaultName : shortened) + keep;
    }
}
