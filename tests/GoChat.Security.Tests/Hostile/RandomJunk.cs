using System.Text;

namespace GoChat.Security.Tests.Hostile;

/// <summary>Seeded random hostile values: text from every awkward corner of Unicode, JSON-ish junk, forged tokens.</summary>
public static class RandomJunk
{
    private static readonly string[] Pieces =
    [
        "a", "Z", "9", " ", "'", "\"", "%", "_", "\\", ";", "--", "/*", "<", ">", "&", "{", "}", "[", "]", ":", ",",
        "é", "中", "ب", "😀", "\u0301", "\u200b", "\u200d", "\u202e", "\u2066", "\ufeff", "\u00a0", "\u3000",
        "\t", "\n", "\r\n",
        // Lone surrogates leave the suite's clients as U+FFFD (see HostileStrings): valid text, not a refusal.
        "\ud800", "\udfff",
    ];

    private static readonly string[] Refused = ["\u0000", "\u0001", "\u0008", "\u000b", "\u000c", "\u001b", "\u001f", "\r"];

    /// <summary>Random text and whether the shared decisions refuse it in any field (a NUL, a C0 control, a lone surrogate).</summary>
    public static (string Text, bool MustRefuse) Text(Random rng, int maxLength)
    {
        var text = new StringBuilder();
        var length = rng.Next(1, maxLength + 1);
        var refuse = false;
        while (text.Length < length)
        {
            if (rng.Next(12) == 0)
            {
                text.Append(Refused[rng.Next(Refused.Length)]);
                refuse = true;
            }
            else
            {
                text.Append(Pieces[rng.Next(Pieces.Length)]);
            }
        }
        var value = text.ToString();
        // A lone \r that happens to precede \n is a line break, not a control.
        return (value, refuse && HasRefused(value));
    }

    private static bool HasRefused(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\r' && i + 1 < value.Length && value[i + 1] == '\n') continue;
            if (c < 0x20 && c is not ('\t' or '\n')) return true;
            if (char.IsHighSurrogate(c) && (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))) return true;
            if (char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(value[i - 1]))) return true;
            if (char.IsHighSurrogate(c)) i++;
        }
        return false;
    }

    /// <summary>Random JSON-looking text that is never an acceptable body: broken, wrongly shaped or deeply nested.</summary>
    public static string Json(Random rng) => rng.Next(5) switch
    {
        0 => new string('[', rng.Next(65, 2000)),
        1 => string.Concat(Enumerable.Repeat("{\"a\":", rng.Next(65, 1000))) + "0",
        2 => "[" + string.Join(",", Enumerable.Range(0, rng.Next(1, 50)).Select(_ => rng.Next())) + "]",
        3 => "\"" + new string('q', rng.Next(1, 500)) + "\"",
        _ => Encoding.Latin1.GetString(Enumerable.Range(0, rng.Next(1, 200)).Select(_ => (byte)rng.Next(256)).ToArray()),
    };

    /// <summary>Fixed forged tokens: none of them may authenticate.</summary>
    public static IEnumerable<(string Label, string Token)> BadTokens(string valid)
    {
        var parts = valid.Split('.');
        yield return ("garbage", "not-a-token");
        yield return ("alg none", B64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".");
        yield return ("signature cut", parts[0] + "." + parts[1] + ".");
        yield return ("signature of another key", parts[0] + "." + parts[1] + "." + B64(Guid.NewGuid().ToString() + Guid.NewGuid()));
        yield return ("payload swapped", parts[0] + "." + B64("{\"sub\":\"" + Guid.NewGuid() + "\",\"role\":\"PlatformAdmin\"}") + "." + parts[2]);
    }

    public static string Token(Random rng) => rng.Next(3) switch
    {
        0 => B64(Encoding.UTF8.GetString(Enumerable.Range(0, rng.Next(1, 300)).Select(_ => (byte)rng.Next(32, 127)).ToArray())),
        1 => string.Join(".", Enumerable.Range(0, 3).Select(_ => B64(Guid.NewGuid().ToString()))),
        _ => new string('x', rng.Next(1, 3000)),
    };

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
