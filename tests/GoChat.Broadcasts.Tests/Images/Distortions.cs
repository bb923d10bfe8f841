using SkiaSharp;

namespace GoChat.Broadcasts.Tests.Images;

/// <summary>What happens to a leaked picture on its way to us: re-encoding, resizing, cropping, a phone held up to a screen.</summary>
internal static class Distortions
{
    public static SKBitmap Decode(byte[] encoded)
    {
        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data);
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        var bitmap = new SKBitmap(info);
        codec.GetPixels(info, bitmap.GetPixels());
        return bitmap;
    }

    public static byte[] Png(SKBitmap bitmap) => Encode(bitmap, SKEncodedImageFormat.Png, 100);

    public static byte[] Jpeg(SKBitmap bitmap, int quality) => Encode(bitmap, SKEncodedImageFormat.Jpeg, quality);

    private static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format, int quality)
    {
        using var data = bitmap.Encode(format, quality);
        return data.ToArray();
    }

    public static SKBitmap Resize(SKBitmap bitmap, double scale) =>
        bitmap.Resize(new SKImageInfo((int)Math.Round(bitmap.Width * scale), (int)Math.Round(bitmap.Height * scale), SKColorType.Rgba8888, SKAlphaType.Opaque),
            new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear))!;

    /// <summary>Longest side at most <paramref name="longest"/>, as messengers do before sending.</summary>
    public static SKBitmap FitLongest(SKBitmap bitmap, int longest)
    {
        var side = Math.Max(bitmap.Width, bitmap.Height);
        return side <= longest ? bitmap.Copy()! : Resize(bitmap, (double)longest / side);
    }

    /// <summary>
    /// Cuts <paramref name="fraction"/> of the width and of the height away, 60 % of it from the left and top and 40 %
    /// from the right and bottom, so the kept part starts off the 8-pixel grid and off the tile.
    /// </summary>
    public static SKBitmap Crop(SKBitmap bitmap, double fraction)
    {
        var cutX = (int)Math.Round(bitmap.Width * fraction);
        var cutY = (int)Math.Round(bitmap.Height * fraction);
        var left = (int)Math.Round(cutX * 0.6) | 1;
        var top = (int)Math.Round(cutY * 0.6) | 1;
        var result = new SKBitmap(new SKImageInfo(bitmap.Width - cutX, bitmap.Height - cutY, SKColorType.Rgba8888, SKAlphaType.Opaque));
        bitmap.ExtractSubset(result, new SKRectI(left, top, left + result.Width, top + result.Height));
        return result.Copy()!;
    }

    /// <summary>
    /// A phone photo of a screen showing the picture: a slight perspective (corners moved by up to about 0.6 %), a
    /// blur of σ = 1 px, sensor noise (σ = 3), a little brighter and less contrasty, then the phone's JPEG at 80.
    /// </summary>
    public static byte[] ScreenPhoto(SKBitmap bitmap, int seed)
    {
        var random = new Random(seed);
        var w = bitmap.Width;
        var h = bitmap.Height;
        var result = new SKBitmap(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(result))
        {
            canvas.Clear(SKColors.Black);
            var p0 = (float)((random.NextDouble() - 0.5) * 8e-6);
            var p1 = (float)((random.NextDouble() - 0.5) * 8e-6);
            // About the centre: rotate 0.3°, a tilt through the perspective row, scale so the picture still fills the frame.
            var tilt = new SKMatrix(1, 0, 0, 0, 1, 0, p0, p1, 1);
            var matrix = SKMatrix.CreateTranslation(w / 2f, h / 2f)
                .PreConcat(SKMatrix.CreateRotationDegrees(0.3f))
                .PreConcat(SKMatrix.CreateScale(1.01f, 1.01f))
                .PreConcat(tilt)
                .PreConcat(SKMatrix.CreateTranslation(-w / 2f, -h / 2f));
            canvas.SetMatrix(matrix);
            using var blur = new SKPaint { ImageFilter = SKImageFilter.CreateBlur(1f, 1f) };
            using var image = SKImage.FromBitmap(bitmap);
            canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear), blur);
        }
        var pixels = result.GetPixelSpan();
        for (var i = 0; i < pixels.Length; i += 4)
            for (var c = 0; c < 3; c++)
                pixels[i + c] = (byte)Math.Clamp((int)Math.Round(pixels[i + c] * 0.92 + 14), 0, 255);
        result.NotifyPixelsChanged();
        TestImages.AddNoise(result, random, 3);
        using (result) return Jpeg(result, 80);
    }

    public static double Psnr(SKBitmap a, SKBitmap b)
    {
        var pa = a.GetPixelSpan();
        var pb = b.GetPixelSpan();
        double sum = 0;
        long n = 0;
        for (var y = 0; y < a.Height; y++)
        {
            for (var x = 0; x < a.Width; x++)
            {
                for (var c = 0; c < 3; c++)
                {
                    double d = pa[y * a.RowBytes + 4 * x + c] - pb[y * b.RowBytes + 4 * x + c];
                    sum += d * d;
                    n++;
                }
            }
        }
        return 10 * Math.Log10(255.0 * 255 / (sum / n));
    }
}
