using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using GoChat.Broadcasts.Text;

namespace GoChat.Broadcasts.Tests.Canonical;

public class NfkcTests
{
    [Fact]
    public void Every_vector_from_python_unicodedata_normalises_to_what_python_says()
    {
        var failures = new List<string>();
        var count = 0;
        foreach (var line in File.ReadLines(VectorFile()))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var halves = line.Split(';');
            var expected = FromHex(halves[1]);
            var actual = Nfkc.Normalize(FromHex(halves[0]));
            count++;
            if (actual != expected) failures.Add($"{halves[0]} -> {ToHex(actual)}, expected {halves[1]}");
        }
        Assert.True(count > 5000, $"only {count} vectors read");
        Assert.True(failures.Count == 0, $"{failures.Count} of {count} differ:\n" + string.Join('\n', failures.Take(40)));
    }

    [Theory]
    [InlineData("\uFB01nal", "final")]
    [InlineData("\uFF33\uFF45\uFF4D\uFF41\uFF4B \uFF12\uFF10\uFF12\uFF16", "Semak 2026")]
    [InlineData("x\u00B2 + H\u2082O", "x2 + H2O")]
    [InlineData("\u3131\u314F", "\uAC00")]
    [InlineData("\u1100\u1161\u11A8", "\uAC01")]
    [InlineData("e\u0301", "\u00E9")]
    [InlineData("\uFEF5", "\u0644\u0622")]
    [InlineData("\u2460", "1")]
    public void Compatibility_forms_become_the_plain_text_they_stand_for(string input, string expected) =>
        Assert.Equal(expected, Nfkc.Normalize(input));

    [Fact]
    public void Text_without_anything_to_normalise_is_returned_as_it_is()
    {
        const string plain = "Amaran banjir: jalan 7 ditutup.";
        Assert.Same(plain, Nfkc.Normalize(plain));
    }

    private static string FromHex(string codePoints)
    {
        var builder = new StringBuilder();
        foreach (var hex in codePoints.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            builder.Append(new Rune(int.Parse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)));
        return builder.ToString();
    }

    private static string ToHex(string text) =>
        string.Join(' ', text.EnumerateRunes().Select(r => r.Value.ToString("X", CultureInfo.InvariantCulture)));

    // The vectors sit next to this file; the test project copies nothing, so find them through the source path.
    private static string VectorFile([CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "nfkc-vectors.txt");
}
