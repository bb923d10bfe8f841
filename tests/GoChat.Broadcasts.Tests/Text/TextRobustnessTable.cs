using System.Text;
using GoChat.Broadcasts.Marks;
using GoChat.Broadcasts.Text;
using Xunit.Abstractions;

namespace GoChat.Broadcasts.Tests.Text;

/// <summary>
/// How often a damaged copy still names its recipient, measured over 200 broadcasts with a recipient each. With
/// GOCHAT_WRITE_WATERMARK_TABLE=1 the table is written into docs/watermarks.md; otherwise it is only checked against the
/// rates last measured, so a change that weakens the mark fails here.
/// </summary>
public class TextRobustnessTable(ITestOutputHelper output)
{
    private const int Pairs = 200;
    private const int RecipientsPerBroadcast = 100;
    private const string Begin = "<!-- text-robustness-table:begin -->";
    private const string End = "<!-- text-robustness-table:end -->";

    // Lowest share (in %) that must trace; set from a measured run, never above what was measured.
    private static readonly (string Name, Func<string, string> Damage, double Minimum)[] Cases =
    [
        ("Whole copy", t => t, 100),
        ("Whitespace collapsed (every run → one U+0020)", TextDamage.CollapseWhitespace, 100),
        ("NFKC (simulated: no-break/thin spaces → U+0020, … → ...)", TextDamage.NfkcSimulated, 100),
        ("First half", TextDamage.FirstHalf, 100),
        ("Second half", TextDamage.SecondHalf, 100),
        ("First quarter", TextDamage.FirstQuarter, 92),
        ("Excerpt of 200 visible characters from the middle", t => TextDamage.Excerpt(t, 200), 100),
        ("Excerpt of 100 visible characters from the middle", t => TextDamage.Excerpt(t, 100), 98),
        ("First half, whitespace collapsed", t => TextDamage.CollapseWhitespace(TextDamage.FirstHalf(t)), 100),
        ("Zero-width/format characters stripped (or retyped)", TextDamage.StripFormatCharacters, 0),
    ];

    [Fact]
    public void Success_rate_per_kind_of_damage()
    {
        var random = new Random(2026);
        var marks = new DeliveryMarks(SeededIds.Secret(random));
        var tracer = new LeakTracer(marks);
        var copies = new List<(string Marked, Guid Broadcast, Guid Recipient)>();
        for (var p = 0; p < Pairs; p++)
        {
            var broadcast = SeededIds.Guid(random);
            var recipients = SeededIds.Guids(random, RecipientsPerBroadcast);
            tracer.Add(broadcast, recipients);
            var recipient = recipients[random.Next(RecipientsPerBroadcast)];
            copies.Add((TextWatermark.Embed(MalayBroadcasts.Text(random), marks.For(broadcast, recipient)), broadcast, recipient));
        }

        var rows = new List<(string Name, int Right, int Nobody, int Wrong)>();
        foreach (var (name, damage, _) in Cases)
        {
            int right = 0, nobody = 0, wrong = 0;
            foreach (var (marked, broadcast, recipient) in copies)
            {
                var damaged = damage(marked);
                if (name != "Whole copy") Assert.NotEqual(marked, damaged);
                var traced = tracer.Trace(damaged);
                if (traced.Count == 0) nobody++;
                else if (traced.All(t => t == (broadcast, recipient))) right++;
                else wrong++;
            }
            rows.Add((name, right, nobody, wrong));
        }

        var table = Table(rows, copies.Select(c => TextWatermark.Strip(c.Marked).Length).ToArray());
        output.WriteLine(table);
        if (Environment.GetEnvironmentVariable("GOCHAT_WRITE_WATERMARK_TABLE") == "1") WriteIntoDocs(table);

        foreach (var ((name, _, minimum), (_, right, _, wrong)) in Cases.Zip(rows))
        {
            Assert.Equal(0, wrong);
            Assert.True(100.0 * right / Pairs >= minimum, $"{name}: {right} of {Pairs}, expected at least {minimum} %");
        }
    }

    private static string Table(List<(string Name, int Right, int Nobody, int Wrong)> rows, int[] lengths)
    {
        var table = new StringBuilder();
        table.AppendLine($"{Pairs} copies, each of a different broadcast (Malay notices of {lengths.Min()}–{lengths.Max()} characters, "
            + $"median {lengths.Order().ElementAt(lengths.Length / 2)}) to one of its {RecipientsPerBroadcast} recipients; every recipient "
            + $"of all {Pairs} broadcasts ({Pairs * RecipientsPerBroadcast:N0}) is a suspect.");
        table.AppendLine();
        table.AppendLine("| Copy | Traced to its recipient | To nobody | To someone else |");
        table.AppendLine("|---|---:|---:|---:|");
        foreach (var (name, right, nobody, wrong) in rows)
            table.AppendLine($"| {name} | {Percent(right)} | {Percent(nobody)} | {wrong} |");
        return table.ToString();
    }

    private static string Percent(int count) => $"{count} ({100.0 * count / Pairs:0.#} %)";

    private static void WriteIntoDocs(string table)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "GoChat.Orleans.sln"))) directory = directory.Parent;
        Assert.NotNull(directory);
        var path = Path.Combine(directory.FullName, "docs", "watermarks.md");
        var doc = File.ReadAllText(path);
        var begin = doc.IndexOf(Begin, StringComparison.Ordinal);
        var end = doc.IndexOf(End, StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, $"{path} lacks the table markers");
        File.WriteAllText(path, doc[..(begin + Begin.Length)] + "\n" + table + doc[end..]);
    }
}
