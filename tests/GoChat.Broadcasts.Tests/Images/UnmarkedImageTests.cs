using GoChat.Broadcasts.Images;
using SkiaSharp;
using Xunit.Abstractions;

namespace GoChat.Broadcasts.Tests.Images;

public sealed class UnmarkedImageTests(ITestOutputHelper output)
{
    [Fact]
    public void Unmarked_images_report_no_mark()
    {
        var found = 0;
        var highest = double.NegativeInfinity;
        // 200 different pictures read as they are (the server's size hint), the cheapest way to many alignments.
        for (var seed = 0; seed < 200; seed++)
        {
            using var picture = TestImages.Varied(seed);
            var reading = ImageWatermark.Extract(Distortions.Jpeg(picture, 85), MarkCheck.Options, new SKSizeI(picture.Width, picture.Height));
            if (reading.Found) found++;
            highest = Math.Max(highest, reading.SyncScore);
        }
        // And a few read at every scale the reader tries without a hint (×1, ×2, ×4/3, ×1.6).
        for (var seed = 1000; seed < 1006; seed++)
        {
            using var picture = seed % 2 == 0 ? TestImages.Photo(640, 480, seed) : TestImages.Screenshot(640, 400, seed);
            var reading = ImageWatermark.Extract(Distortions.Jpeg(picture, 85), MarkCheck.Options);
            if (reading.Found) found++;
            highest = Math.Max(highest, reading.SyncScore);
        }
        output.WriteLine($"unmarked: {found} found, highest sync z {highest:F2} (threshold {MarkCheck.Options.FoundThreshold})");
        Assert.Equal(0, found);
    }

    [Fact]
    public void Images_marked_with_another_key_report_no_mark()
    {
        var found = 0;
        var highest = double.NegativeInfinity;
        for (var seed = 0; seed < 40; seed++)
        {
            using var picture = TestImages.Varied(seed + 5000);
            var otherKey = MarkCheck.Options with { Key = BitConverter.GetBytes(seed + 1) };
            var marked = ImageWatermark.Embed(Distortions.Png(picture), MarkCheck.Codeword(seed), null, otherKey);
            var reading = ImageWatermark.Extract(marked, MarkCheck.Options, new SKSizeI(picture.Width, picture.Height));
            if (reading.Found) found++;
            highest = Math.Max(highest, reading.SyncScore);
        }
        output.WriteLine($"other keys: {found} found, highest sync z {highest:F2}");
        Assert.Equal(0, found);
    }
}
