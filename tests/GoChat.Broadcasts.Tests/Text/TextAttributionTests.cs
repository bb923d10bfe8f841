using System.Text;
using GoChat.Broadcasts.Marks;
using GoChat.Broadcasts.Text;
using Xunit.Abstractions;

namespace GoChat.Broadcasts.Tests.Text;

/// <summary>The property tracing exists for: a copy names its recipient or nobody, never someone else.</summary>
public class TextAttributionTests(ITestOutputHelper output)
{
    private const int KnownRecipients = 1000;

    [Fact]
    public void Ten_thousand_unmarked_or_foreign_texts_attribute_to_nobody()
    {
        var random = new Random(16);
        var marks = new DeliveryMarks(SeededIds.Secret(random));
        var otherMarks = new DeliveryMarks(SeededIds.Secret(random));
        var broadcast = SeededIds.Guid(random);
        var recipients = SeededIds.Guids(random, KnownRecipients);
        var tracer = new LeakTracer(marks);
        tracer.Add(broadcast, recipients);
        // Beyond the server's hint lookup: no decoded mark may equal any known recipient's mark at all.
        var known = recipients.Select(r => marks.For(broadcast, r)).ToHashSet();

        var kinds = new[] { "plain", "other broadcast", "other secret", "other broadcast and secret", "stray mark characters" };
        var decoded = new int[kinds.Length];
        for (var i = 0; i < 10_000; i++)
        {
            var kind = i % kinds.Length;
            var text = MalayBroadcasts.Text(random);
            var stranger = SeededIds.Guid(random);
            var leaked = kind switch
            {
                0 => text,
                1 => TextWatermark.Embed(text, marks.For(SeededIds.Guid(random), stranger)),
                2 => TextWatermark.Embed(text, otherMarks.For(broadcast, stranger)),
                3 => TextWatermark.Embed(text, otherMarks.For(SeededIds.Guid(random), stranger)),
                _ => Sprinkle(text, random),
            };
            Assert.Empty(tracer.Trace(leaked));
            var found = TextWatermark.DecodedMarks(leaked);
            Assert.DoesNotContain(found, known.Contains);
            if (found.Count > 0) decoded[kind]++;
        }
        output.WriteLine(string.Join(", ", kinds.Select((k, i) => $"{k}: {decoded[i]} of 2000 decoded to some mark")));
        // The foreign copies really were read, so the comparisons above were made against real marks.
        Assert.All(decoded[1..4], n => Assert.Equal(2000, n));
    }

    [Fact]
    public void A_copy_combining_two_recipients_copies_traces_to_one_of_them_or_nobody()
    {
        var random = new Random(17);
        var marks = new DeliveryMarks(SeededIds.Secret(random));
        var broadcast = SeededIds.Guid(random);
        var recipients = SeededIds.Guids(random, KnownRecipients);
        var tracer = new LeakTracer(marks);
        tracer.Add(broadcast, recipients);

        var combinations = new (string Name, Func<string, string, Random, string> Combine)[]
        {
            ("first half of A, second half of B", (a, b, _) => a[..(a.Length / 2)] + b[(b.Length / 2)..]),
            ("thirds A, B, A", (a, b, _) => a[..(a.Length / 3)] + b[(a.Length / 3)..(2 * a.Length / 3)] + a[(2 * a.Length / 3)..]),
            ("each cluster from A or B at random", (a, b, r) => PerCluster(a, b, _ => r.Next(2) == 0)),
            ("copies alternating A and B", (a, b, _) => PerCluster(a, b, k => k / 20 % 2 == 0)),
            ("each mark character from A or B at random", (a, b, r) => PerCharacter(a, b, (x, y) => r.Next(2) == 0 ? x : y)),
            ("mark characters where they differ stripped", (a, b, _) => PerCharacter(a, b, (x, y) => x == y ? x : null)),
        };

        var outcomes = combinations.ToDictionary(c => c.Name, _ => (One: 0, Nobody: 0));
        for (var pair = 0; pair < 60; pair++)
        {
            var text = MalayBroadcasts.Text(random);
            var a = recipients[random.Next(KnownRecipients / 2)];
            var b = recipients[KnownRecipients / 2 + random.Next(KnownRecipients / 2)];
            var copyA = TextWatermark.Embed(text, marks.For(broadcast, a));
            var copyB = TextWatermark.Embed(text, marks.For(broadcast, b));
            foreach (var (name, combine) in combinations)
            {
                var traced = tracer.Trace(combine(copyA, copyB, random));
                Assert.All(traced, t => Assert.True(t.Recipient == a || t.Recipient == b, $"{name}: traced to a third recipient"));
                var o = outcomes[name];
                outcomes[name] = traced.Count > 0 ? (o.One + 1, o.Nobody) : (o.One, o.Nobody + 1);
            }
        }
        foreach (var (name, (one, nobody)) in outcomes) output.WriteLine($"{name}: {one} to a colluder, {nobody} to nobody");
        // Pasting whole halves leaves full copies of each, so the per-copy reading finds a colluder every time.
        Assert.Equal(60, outcomes["first half of A, second half of B"].One);
    }

    /// <summary>A text with random characters of the mark alphabet scattered in, as a forger or a broken app might.</summary>
    private static string Sprinkle(string text, Random random)
    {
        var sprinkled = new StringBuilder(text.Length * 2);
        foreach (var c in text)
        {
            sprinkled.Append(c);
            if (c == ' ')
                for (var n = random.Next(0, 10); n > 0; n--) sprinkled.Append((char)('\u2060' + random.Next(5)));
        }
        return sprinkled.ToString();
    }

    /// <summary>Same-layout copies combined a cluster at a time (cluster k taken from A when <paramref name="fromA"/>).</summary>
    private static string PerCluster(string a, string b, Func<int, bool> fromA)
    {
        var combined = new StringBuilder(a.Length);
        var cluster = -1;
        var takeA = true;
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] == '\u2060')
            {
                cluster++;
                takeA = fromA(cluster);
            }
            combined.Append(IsMark(a[i]) && !takeA ? b[i] : a[i]);
        }
        return combined.ToString();
    }

    /// <summary>Same-layout copies combined a mark character at a time; a null pick drops the character.</summary>
    private static string PerCharacter(string a, string b, Func<char, char, char?> pick)
    {
        var combined = new StringBuilder(a.Length);
        for (var i = 0; i < a.Length; i++)
        {
            var c = IsMark(a[i]) ? pick(a[i], b[i]) : a[i];
            if (c is { } kept) combined.Append(kept);
        }
        return combined.ToString();
    }

    private static bool IsMark(char c) => c is >= '\u2060' and <= '\u2064';
}
