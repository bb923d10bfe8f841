using GoChat.Broadcasts.Marks;
using GoChat.Broadcasts.Tests.Text;

namespace GoChat.Broadcasts.Tests.Images;

/// <summary>
/// What a picture's reading can be, at worst: any 20 bytes. Whatever the extractor makes of an unmarked or foreign
/// picture must still decode and then match a recipient's MAC before it names anyone.
/// </summary>
public sealed class ForeignReadingAttributionTests
{
    [Fact]
    public void Ten_thousand_arbitrary_or_foreign_readings_attribute_to_nobody()
    {
        var random = new Random(1604);
        var marks = new DeliveryMarks(SeededIds.Secret(random));
        var foreignMarks = new DeliveryMarks(SeededIds.Secret(random));
        var broadcast = SeededIds.Guid(random);
        var recipients = SeededIds.Guids(random, 1_000);
        var decoded = 0;

        var attributed = 0;
        for (var i = 0; i < 10_000; i++)
        {
            // Half random readings (noise the detector let through), half real codewords of another deployment's marks.
            var reading = i % 2 == 0 ? RandomBytes(random) : MarkCodec.Encode(foreignMarks.For(broadcast, recipients[i % recipients.Length]));
            var erasures = i % 4 == 0 ? new[] { 3, 11 } : [];
            if (!MarkCodec.TryDecode(reading, erasures, out var mark)) continue;
            decoded++;
            if (mark.BroadcastHint != marks.HintOf(broadcast)) continue;
            attributed += recipients.Count(r => marks.Matches(mark, broadcast, r));
        }

        Assert.Equal(0, attributed);
        // The foreign codewords are real codewords: the comparison above was made on decoded marks, not skipped.
        Assert.True(decoded >= 5_000, $"only {decoded} readings decoded");
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[MarkCodec.CodewordBytes];
        random.NextBytes(bytes);
        return bytes;
    }
}
