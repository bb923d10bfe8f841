using System.Text;

namespace GoChat.Files.Types;

/// <summary>
/// Plain text: UTF-8 (with or without a byte order mark) or UTF-16 with one, holding no control character but tab, line
/// feed, carriage return and form feed in the sampled head. Text that a browser or an XML viewer would run as a page or a
/// picture (HTML, SVG, XHTML, XML with a stylesheet) is not plain text, whatever it is called.
/// </summary>
internal static class PlainText
{
    // The elements a browser sniffing a page treats as HTML (WHATWG MIME Sniffing, section 7.1), and the few others that
    // load or run something.
    private static readonly string[] MarkupStarts =
    [
        "<!doctype", "<html", "<head", "<script", "<iframe", "<h1", "<div", "<font", "<table", "<a", "<style", "<title",
        "<b", "<body", "<br", "<p", "<svg", "<object", "<embed", "<img", "<meta", "<link", "<base", "<form", "<frameset",
        "<math", "<xml", "<xsl:stylesheet",
    ];

    private static readonly string[] ActiveXml =
    [
        "<svg", "http://www.w3.org/2000/svg", "<html", "http://www.w3.org/1999/xhtml", "<script", "<?xml-stylesheet",
        "http://www.w3.org/1999/xsl/transform", "<!doctype html",
    ];

    /// <param name="sample">The head of the file.</param>
    /// <param name="whole">Whether the sample is the whole file, so that a character cut at its end is an error.</param>
    public static Sniffed? Match(ReadOnlySpan<byte> sample, bool whole)
    {
        (Encoding encoding, int bom, FileType type) = sample switch
        {
            [0xEF, 0xBB, 0xBF, ..] => ((Encoding)new UTF8Encoding(false, true), 3, FileTypes.Text),
            [0xFF, 0xFE, ..] => ((Encoding)new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true), 2, FileTypes.Utf16Text),
            [0xFE, 0xFF, ..] => ((Encoding)new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true), 2, FileTypes.Utf16Text),
            _ => ((Encoding)new UTF8Encoding(false, true), 0, FileTypes.Text),
        };
        string text;
        try
        {
            var bytes = sample[bom..];
            var decoder = encoding.GetDecoder();
            var chars = new char[encoding.GetMaxCharCount(bytes.Length)];
            // Without flushing, a character cut by the end of the sample waits for bytes that never come instead of failing.
            var count = decoder.GetChars(bytes, chars, flush: whole);
            text = new string(chars, 0, count);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
        foreach (var c in text)
        {
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r' or '\f')) return null;
        }

        var start = text.AsSpan().TrimStart();
        if (start.StartsWith("#!", StringComparison.Ordinal))
            return Sniffed.NotAllowed("The file is a script (it starts with #!), and scripts cannot be sent.");
        if (start.StartsWith("<?xml", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var marker in ActiveXml)
            {
                if (start.Contains(marker, StringComparison.OrdinalIgnoreCase)) return Markup("an XML file that a browser would show as a web page or picture");
            }
            return Sniffed.As(type);
        }
        if (start.StartsWith("<!--", StringComparison.Ordinal)) return Markup("a web page");
        foreach (var tag in MarkupStarts)
        {
            if (start.StartsWith(tag, StringComparison.OrdinalIgnoreCase) && (start.Length == tag.Length || start[tag.Length] is ' ' or '>' or '/' or '\t' or '\n' or '\r' or '\f'))
                return Markup(tag == "<svg" ? "an SVG picture, which can hold script," : "a web page");
        }
        return Sniffed.As(type);
    }

    private static Sniffed Markup(string what) =>
        Sniffed.NotAllowed($"The file is {what} and cannot be sent; a web page can run script in the reader's browser. Send it as a PDF.");
}
