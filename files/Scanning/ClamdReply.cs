namespace GoChat.Files.Scanning;

/// <summary>Turns clamd's one-line answer to INSTREAM into a verdict.</summary>
internal static class ClamdReply
{
    private const string StreamPrefix = "stream: ";
    private const string Found = " FOUND";
    private const string Error = " ERROR";

    /// <summary>Enough of an unexpected reply to recognise it in a log, not so much that a hostile peer fills the log.</summary>
    private const int QuotedLength = 120;

    /// <summary>
    /// Heuristic names clamd gives files it could not look into (AlertExceedsMax, AlertEncrypted*). They are no
    /// finding about the file's content, so the verdict says Unscannable rather than Infected; both refuse the file.
    /// </summary>
    private static readonly string[] CouldNotLook = ["Heuristics.Limits.Exceeded", "Heuristics.Encrypted"];

    public static ScanVerdict Parse(string reply)
    {
        var line = reply.TrimEnd('\0', '\n', '\r', ' ');
        if (line == StreamPrefix + "OK") return ScanVerdict.Clean;

        // At least one character of name between "stream: " and " FOUND".
        if (line.Length > StreamPrefix.Length + Found.Length && line.StartsWith(StreamPrefix, StringComparison.Ordinal) && line.EndsWith(Found, StringComparison.Ordinal))
        {
            var name = line[StreamPrefix.Length..^Found.Length].Trim();
            if (name.Length == 0) return Unexpected(line);
            return CouldNotLook.Any(p => name.StartsWith(p, StringComparison.Ordinal))
                ? new ScanVerdict(ScanOutcome.Unscannable, name)
                : new ScanVerdict(ScanOutcome.Infected, name);
        }

        if (line.EndsWith(Error, StringComparison.Ordinal))
        {
            var message = Quote(line[..^Error.Length]);
            // "INSTREAM size limit exceeded": the file is longer than StreamMaxLength and clamd stopped reading it.
            return message.Contains("size limit exceeded", StringComparison.OrdinalIgnoreCase)
                ? new ScanVerdict(ScanOutcome.Unscannable, $"Larger than clamd's StreamMaxLength ({message}).")
                : new ScanVerdict(ScanOutcome.Failed, $"clamd: {message}");
        }

        return Unexpected(line);
    }

    private static ScanVerdict Unexpected(string line) => new(ScanOutcome.Failed, $"Unexpected reply from clamd: \"{Quote(line)}\".");

    private static string Quote(string text)
    {
        var shown = text.Length > QuotedLength ? text[..QuotedLength] + "…" : text;
        return string.Create(shown.Length, shown, static (span, source) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = char.IsControl(source[i]) ? '?' : source[i];
        });
    }
}
