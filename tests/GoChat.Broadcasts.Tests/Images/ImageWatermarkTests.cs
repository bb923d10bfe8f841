using GoChat.Broadcasts.Images;
using SkiaSharp;

namespace GoChat.Broadcasts.Tests.Images;

public sealed class ImageWatermarkTests
{
    private static readonly VisibleMark Recipient = new("Aminah binti Yusof", "ID 1234 · 2026-12-04 10:15");

    public static TheoryData<string> Pictures => ["photo 1600x1200", "photo 1200x1600", "screenshot 1280x720"];

    internal static SKBitmap Picture(string name, int seed = 1) => name switch
    {
        "photo 1600x1200" => TestImages.Photo(1600, 1200, seed),
        "photo 1200x1600" => TestImages.Photo(1200, 1600, seed + 100),
        _ => TestImages.Screenshot(1280, 720, seed + 200),
    };

    [Theory]
    [MemberData(nameof(Pictures))]
    public void Marked_image_carries_its_codeword(string picture)
    {
        using var original = Picture(picture);
        var codeword = MarkCheck.Codeword(7);

        var marked = ImageWatermark.Embed(Distortions.Jpeg(original, 95), codeword, Recipient, MarkCheck.Options);
        var reading = ImageWatermark.Extract(marked, MarkCheck.Options);

        Assert.True(reading.Found, $"sync z = {reading.SyncScore:F1}");
        Assert.Equal(codeword, reading.Codeword);
        Assert.Empty(reading.Erasures);
    }

    [Fact]
    public void Two_recipients_images_carry_different_codewords()
    {
        using var original = Picture("photo 1600x1200", seed: 2);
        var encoded = Distortions.Jpeg(original, 95);
        var first = MarkCheck.Codeword(11);
        var second = MarkCheck.Codeword(12);

        var firstCopy = ImageWatermark.Embed(encoded, first, new VisibleMark("Aminah binti Yusof", "ID 1234"), MarkCheck.Options);
        var secondCopy = ImageWatermark.Embed(encoded, second, new VisibleMark("Daniel Lim", "ID 5678"), MarkCheck.Options);

        Assert.NotEqual(firstCopy, secondCopy);
        Assert.Equal(first, ImageWatermark.Extract(firstCopy, MarkCheck.Options).Codeword);
        Assert.Equal(second, ImageWatermark.Extract(secondCopy, MarkCheck.Options).Codeword);
    }

    [Theory]
    [MemberData(nameof(Pictures))]
    public void Invisible_mark_alone_costs_no_more_than_38_dB_PSNR(string picture)
    {
        using var original = Picture(picture);
        using var marked = TestImages.Copy(original);

        ImageWatermark.Embed(marked, MarkCheck.Codeword(3), visible: null, MarkCheck.Options);

        var psnr = Distortions.Psnr(original, marked);
        Assert.InRange(psnr, 38, 45);
    }

    [Fact]
    public void Marking_is_deterministic()
    {
        using var original = Picture("screenshot 1280x720");
        var png = Distortions.Png(original);

        var once = ImageWatermark.Embed(png, MarkCheck.Codeword(5), Recipient, MarkCheck.Options);
        var again = ImageWatermark.Embed(png, MarkCheck.Codeword(5), Recipient, MarkCheck.Options);

        Assert.Equal(once, again);
    }

    [Fact]
    public void A_jpeg_stays_a_jpeg_and_a_png_stays_a_png()
    {
        using var original = TestImages.Photo(320, 240, 9);

        var fromJpeg = ImageWatermark.Embed(Distortions.Jpeg(original, 90), MarkCheck.Codeword(1), null, MarkCheck.Options);
        var fromPng = ImageWatermark.Embed(Distortions.Png(original), MarkCheck.Codeword(1), null, MarkCheck.Options);

        Assert.Equal(SKEncodedImageFormat.Jpeg, Format(fromJpeg));
        Assert.Equal(SKEncodedImageFormat.Png, Format(fromPng));
    }

    [Fact]
    public void The_visible_overlay_is_drawn_and_faint()
    {
        using var original = Picture("screenshot 1280x720");
        using var marked = TestImages.Copy(original);

        ImageWatermark.Embed(marked, MarkCheck.Codeword(1), Recipient, MarkCheck.Options with { Strength = 0 });

        // Text over a tenth or more of the picture, none of it stronger than the opacity allows.
        var changed = 0;
        var strongest = 0;
        for (var y = 0; y < original.Height; y += 2)
            for (var x = 0; x < original.Width; x += 2)
            {
                var a = original.GetPixel(x, y);
                var b = marked.GetPixel(x, y);
                var d = Math.Max(Math.Abs(a.Red - b.Red), Math.Max(Math.Abs(a.Green - b.Green), Math.Abs(a.Blue - b.Blue)));
                if (d > 2) changed++;
                strongest = Math.Max(strongest, d);
            }
        Assert.InRange(changed, original.Width * original.Height / 4 / 10, original.Width * original.Height / 4);
        Assert.InRange(strongest, 10, (int)(255 * 0.2));
    }

    [Fact]
    public void A_codeword_of_another_length_is_refused()
    {
        using var original = TestImages.Photo(64, 64, 1);
        Assert.Throws<ArgumentException>(() => ImageWatermark.Embed(Distortions.Png(original), new byte[19], null, MarkCheck.Options));
    }

    private static SKEncodedImageFormat Format(byte[] encoded)
    {
        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data);
        return codec.EncodedFormat;
    }
}
