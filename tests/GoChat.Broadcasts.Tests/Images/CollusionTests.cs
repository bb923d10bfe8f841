using GoChat.Broadcasts.Images;
using SkiaSharp;
using Xunit.Abstractions;

namespace GoChat.Broadcasts.Tests.Images;

public sealed class CollusionTests(ITestOutputHelper output)
{
    /// <summary>
    /// Two recipients average their copies. Where their codewords agree the average still carries that bit at full
    /// strength; where they differ it carries nothing, so the reading can only agree with both of them or be noise
    /// there — never a third recipient's value. The disagreeing bits read about zero and become erasures; what is
    /// left decodes to neither, or (codewords sharing many bytes, and luck in the rest) to one of the two.
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(11)]
    public void Averaging_two_recipients_copies_gives_one_of_them_or_nothing(int sharedBytes)
    {
        using var original = ImageWatermarkTests.Picture("photo 1600x1200", seed: 4);
        var first = MarkCheck.Codeword(21);
        var second = MarkCheck.Codeword(22);
        // Codewords of one broadcast may share bytes (the broadcast's part of the mark); two codewords of a code with
        // distance 9 share at most 11 of their 20.
        first.AsSpan(0, sharedBytes).CopyTo(second);

        using var a = TestImages.Copy(original);
        using var b = TestImages.Copy(original);
        ImageWatermark.Embed(a, first, null, MarkCheck.Options);
        ImageWatermark.Embed(b, second, null, MarkCheck.Options);
        using var average = Average(a, b);

        var reading = ImageWatermark.Extract(Distortions.Jpeg(average, 90), MarkCheck.Options);

        var verdict = MarkCheck.Decodes(reading, first) ? "the first" : MarkCheck.Decodes(reading, second) ? "the second" : "neither";
        output.WriteLine($"shared {sharedBytes} bytes: found {reading.Found}, z {reading.SyncScore:F1}, decodes to {verdict}, " +
            $"{MarkCheck.BitErrors(reading, first)} / {MarkCheck.BitErrors(reading, second)} bit errors, {reading.Erasures.Length} erasures");
        Assert.True(reading.Found, "the sync is the same in both copies, so the average still carries it");
        for (var i = 0; i < first.Length; i++)
            if (first[i] == second[i] && !reading.Erasures.Contains(i)) Assert.Equal(first[i], reading.Codeword[i]);
        // Random codewords differ in every byte: nothing is left to decode.
        if (sharedBytes == 0) Assert.Equal("neither", verdict);
    }

    private static SKBitmap Average(SKBitmap a, SKBitmap b)
    {
        var result = TestImages.Copy(a);
        var pa = a.GetPixelSpan();
        var pb = b.GetPixelSpan();
        var pr = result.GetPixelSpan();
        for (var i = 0; i < pr.Length; i++) pr[i] = (byte)((pa[i] + pb[i] + 1) / 2);
        result.NotifyPixelsChanged();
        return result;
    }
}
