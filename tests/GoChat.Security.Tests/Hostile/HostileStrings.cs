namespace GoChat.Security.Tests.Hostile;

/// <summary>
/// Text a hostile client puts in a string field. <see cref="MustRefuse"/>: the shared decisions say this text is
/// refused wherever it appears (NUL and other C0 controls, lone surrogates, text too long for any field);
/// otherwise the server may take it (SQL and LIKE metacharacters are just text) but must never fail on it.
/// Invisible-only text is refused in a required field and may be taken as empty in an optional one.
/// </summary>
public sealed record HostileString(string Name, string Value, bool MustRefuse, bool InvisibleOnly = false)
{
    public static readonly IReadOnlyList<HostileString> All =
    [
        new("NUL", "abc\u0000def", true),
        new("NUL only", "\u0000", true),
        new("C0 control ESC", "abc\u001b[31mdef", true),
        new("C0 control BEL", "\u0007ding", true),
        new("C0 backspace", "abc\bdef", true),
        // The suite's clients (the .NET SignalR client, JsonNode) send a lone surrogate as U+FFFD, valid text the server
        // may take. Raw ones are refused: MessagePack bytes here (RawFrame cases), JSON escapes in MalformedRequestTests.
        new("lone high surrogate", "abc\ud800def", false),
        new("lone low surrogate", "abc\udc00", false),
        new("zero-width only", "\u200b\u200c\u200d\ufeff", false, InvisibleOnly: true),
        new("bidi override only", "\u202e\u202d\u2066", false, InvisibleOnly: true),
        new("very long text", new string('x', 20_000), true),
        new("SQL metacharacters", "x'); DROP TABLE gochat_users; --", false),
        new("LIKE metacharacters", "%_\\%", false),
        new("bidi override in text", "abc\u202etxt.exe", false),
    ];

    /// <summary>Strings that cannot be ids, for every id-like field and route value.</summary>
    public static readonly IReadOnlyList<string> BadIds =
        ["not-a-guid", "-1", "99999999999999999999", "00000000-0000-0000-0000-000000000000", "' OR 1=1 --", "%00", ""];

    /// <summary>Over the 64 KB hub frame limit: the only case the hub may answer by closing the connection.</summary>
    public static string Oversize => new('y', 1024 * 1024 + 1);
}
