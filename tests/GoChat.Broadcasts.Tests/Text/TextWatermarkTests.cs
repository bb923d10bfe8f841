using System.Globalization;
using GoChat.Broadcasts.Marks;
using GoChat.Broadcasts.Text;

namespace GoChat.Broadcasts.Tests.Text;

public class TextWatermarkTests
{
    private static readonly DeliveryMarks Marks = new(Enumerable.Range(100, 32).Select(i => (byte)i).ToArray());
    private static readonly Guid Broadcast = Guid.Parse("11111111-2222-4333-8444-555555555555");

    [Fact]
    public void A_marked_copy_differs_from_the_original_only_by_invisible_format_characters()
    {
        var original = MalayBroadcasts.Text(1);
        var marked = TextWatermark.Embed(original, Marks.For(Broadcast, Guid.NewGuid()));
        Assert.NotEqual(original, marked);
        Assert.Equal(original, string.Concat(marked.Where(c => c is < '\u2060' or > '\u2064')));
        Assert.All(marked.Where(c => c is >= '\u2060' and <= '\u2064'),
            c => Assert.Equal(UnicodeCategory.Format, CharUnicodeInfo.GetUnicodeCategory(c)));
    }

    [Fact]
    public void Stripping_a_marked_copy_gives_back_what_the_sender_wrote_byte_for_byte()
    {
        // Other invisible characters the sender may have used stay: ZWJ in an emoji family, ZWSP, a no-break space.
        var original = "Keluarga 👨\u200D👩\u200D👧 dijemput hadir.\u200B Bayaran RM\u00A050 sahaja.\n\nTerima kasih.";
        Assert.Equal(original, TextWatermark.Strip(TextWatermark.Embed(original, Marks.For(Broadcast, Guid.NewGuid()))));
        for (var seed = 0; seed < 50; seed++)
        {
            var text = MalayBroadcasts.Text(seed);
            Assert.Equal(text, TextWatermark.Strip(TextWatermark.Embed(text, Marks.For(Broadcast, Guid.NewGuid()))));
        }
    }

    [Fact]
    public void Mark_characters_the_sender_wrote_are_removed_before_marking()
    {
        var original = "Sila\u2060 baca\u2062\u2063 notis ini.";
        var recipient = Guid.NewGuid();
        var marked = TextWatermark.Embed(original, Marks.For(Broadcast, recipient));
        Assert.Equal("Sila baca notis ini.", TextWatermark.Strip(marked));
        Assert.Equal("Sila baca notis ini.", TextWatermark.RemoveMarkCharacters(original));
        Assert.True(TextWatermark.TryExtract(marked, out var mark));
        Assert.True(Marks.Matches(mark, Broadcast, recipient));
    }

    [Fact]
    public void Every_recipients_copy_has_the_same_length_with_invisible_characters_in_the_same_places()
    {
        var original = MalayBroadcasts.Text(2);
        var a = TextWatermark.Embed(original, Marks.For(Broadcast, Guid.NewGuid()));
        var b = TextWatermark.Embed(original, Marks.For(Broadcast, Guid.NewGuid()));
        Assert.NotEqual(a, b);
        Assert.Equal(a.Length, b.Length);
        for (var i = 0; i < a.Length; i++)
        {
            Assert.Equal(IsMark(a[i]), IsMark(b[i]));
            if (!IsMark(a[i])) Assert.Equal(a[i], b[i]);
        }
    }

    [Fact]
    public void Clusters_sit_at_word_ends_glued_by_a_word_joiner_never_at_a_line_start()
    {
        var marked = TextWatermark.Embed(MalayBroadcasts.Text(3), Marks.For(Broadcast, Guid.NewGuid()));
        for (var i = 0; i < marked.Length; i++)
        {
            if (!IsMark(marked[i]) || (i > 0 && IsMark(marked[i - 1]))) continue;
            // The first mark character of a run: a word joiner right after a visible character, before whitespace.
            Assert.Equal('\u2060', marked[i]);
            Assert.True(i > 0 && !char.IsWhiteSpace(marked[i - 1]), $"cluster at {i} follows whitespace");
            var end = i;
            while (end < marked.Length && IsMark(marked[end])) end++;
            Assert.Equal(0, (end - i) % 8);
            Assert.True(end == marked.Length || char.IsWhiteSpace(marked[end]), $"cluster at {i} runs into a word");
        }
    }

    [Fact]
    public void Each_marked_copy_traces_to_its_recipient()
    {
        var recipients = Enumerable.Range(0, 1000).Select(_ => Guid.NewGuid()).ToArray();
        var tracer = new LeakTracer(Marks);
        tracer.Add(Broadcast, recipients);
        var original = MalayBroadcasts.Text(4);
        foreach (var recipient in recipients.Take(50))
        {
            var copy = TextWatermark.Embed(original, Marks.For(Broadcast, recipient));
            Assert.Equal([(Broadcast, recipient)], tracer.Trace(copy));
        }
    }

    [Fact]
    public void Each_quarter_of_a_long_text_carries_a_full_copy()
    {
        var original = Enumerable.Range(0, 100).Select(MalayBroadcasts.Text).First(t => t.Length >= 1200);
        var recipient = Guid.NewGuid();
        var marked = TextWatermark.Embed(original, Marks.For(Broadcast, recipient));
        var quarter = marked.Length / 4;
        for (var q = 0; q < 4; q++)
        {
            Assert.True(TextWatermark.TryExtract(marked.Substring(q * quarter, quarter), out var mark), $"quarter {q}");
            Assert.True(Marks.Matches(mark, Broadcast, recipient), $"quarter {q}");
        }
    }

    [Theory]
    [InlineData("Makluman penting kepada semua.")]
    [InlineData("PERHATIAN")]
    [InlineData("")]
    public void A_short_text_still_carries_one_full_copy(string original)
    {
        var recipient = Guid.NewGuid();
        var marked = TextWatermark.Embed(original, Marks.For(Broadcast, recipient));
        Assert.Equal(original, TextWatermark.Strip(marked));
        Assert.True(TextWatermark.TryExtract(marked, out var mark));
        Assert.True(Marks.Matches(mark, Broadcast, recipient));
    }

    [Fact]
    public void A_copy_survives_whitespace_collapsing()
    {
        AssertSurvives(TextDamage.CollapseWhitespace);
    }

    [Fact]
    public void A_copy_survives_nfkc_normalisation()
    {
        AssertSurvives(TextDamage.NfkcSimulated);
    }

    [Fact]
    public void The_first_half_of_a_copy_still_traces()
    {
        AssertSurvives(TextDamage.FirstHalf);
    }

    [Fact]
    public void The_second_half_of_a_copy_still_traces()
    {
        AssertSurvives(TextDamage.SecondHalf);
    }

    [Fact]
    public void A_zero_width_stripping_app_removes_the_mark()
    {
        var marked = TextWatermark.Embed(MalayBroadcasts.Text(6), Marks.For(Broadcast, Guid.NewGuid()));
        Assert.Empty(TextWatermark.Candidates(TextDamage.StripFormatCharacters(marked)));
        Assert.False(TextWatermark.TryExtract(TextDamage.StripFormatCharacters(marked), out _));
    }

    [Fact]
    public void Damaged_clusters_are_skipped_and_the_rest_still_decode()
    {
        var recipient = Guid.NewGuid();
        var marked = TextWatermark.Embed(MalayBroadcasts.Text(7), Marks.For(Broadcast, recipient)).ToCharArray();
        var random = new Random(7);
        // Change one in 30 mark characters to another: clusters are misread, break apart or merge (about 1 in 4).
        for (var i = 0; i < marked.Length; i++)
            if (IsMark(marked[i]) && random.Next(30) == 0) marked[i] = (char)('\u2060' + (marked[i] - '\u2060' + 1 + random.Next(4)) % 5);
        Assert.True(TextWatermark.TryExtract(new string(marked), out var mark));
        Assert.True(Marks.Matches(mark, Broadcast, recipient));
    }

    [Fact]
    public void A_byte_no_cluster_carries_is_an_erasure_not_a_guess()
    {
        var recipient = Guid.NewGuid();
        var marked = TextWatermark.Embed(MalayBroadcasts.Text(8), Marks.For(Broadcast, recipient));
        // Drop every cluster for bytes 3 and 17 (index symbols 0,0,3 and 1,0,1).
        var damaged = marked.Replace("\u2060\u2061\u2061\u2064", "\u2060\u2064\u2064\u2064")
            .Replace("\u2060\u2062\u2061\u2062", "\u2060\u2064\u2064\u2064");
        var majority = TextWatermark.Candidates(damaged)[0];
        Assert.Equal([3, 17], majority.Erasures);
        Assert.True(majority.TryDecode(out var mark));
        Assert.True(Marks.Matches(mark, Broadcast, recipient));
    }

    [Theory]
    [InlineData(19)]
    [InlineData(21)]
    public void A_codeword_of_another_length_is_refused(int length)
    {
        Assert.Throws<ArgumentException>(() => TextWatermark.Embed("Sila baca.", new byte[length]));
    }

    private static void AssertSurvives(Func<string, string> damage)
    {
        for (var seed = 0; seed < 30; seed++)
        {
            var recipient = Guid.NewGuid();
            var marked = TextWatermark.Embed(MalayBroadcasts.Text(seed), Marks.For(Broadcast, recipient));
            var damaged = damage(marked);
            Assert.NotEqual(marked, damaged);
            Assert.True(TextWatermark.TryExtract(damaged, out var mark), $"seed {seed}");
            Assert.True(Marks.Matches(mark, Broadcast, recipient), $"seed {seed}");
        }
    }

    private static bool IsMark(char c) => c is >= '\u2060' and <= '\u2064';
}
