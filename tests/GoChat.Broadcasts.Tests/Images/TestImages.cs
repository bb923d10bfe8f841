using SkiaSharp;

namespace GoChat.Broadcasts.Tests.Images;

/// <summary>
/// Synthetic pictures made the same way on every run: photo-like ones (gradients, soft shapes, a little text, sensor
/// noise) and screenshot-like ones (flat panels, sharp text, no noise), the two kinds broadcasts carry.
/// </summary>
internal static class TestImages
{
    public static SKBitmap Photo(int width, int height, int seed)
    {
        var random = new Random(seed);
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        {
            using (var sky = new SKPaint())
            {
                sky.Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width * (float)random.NextDouble(), height),
                    [Colour(random), Colour(random), Colour(random)], null, SKShaderTileMode.Clamp);
                canvas.DrawRect(0, 0, width, height, sky);
            }
            var shapes = 12 + random.Next(18);
            for (var i = 0; i < shapes; i++)
            {
                using var paint = new SKPaint { IsAntialias = true };
                var cx = (float)random.NextDouble() * width;
                var cy = (float)random.NextDouble() * height;
                var r = (float)(0.03 + random.NextDouble() * 0.2) * Math.Min(width, height);
                paint.Shader = SKShader.CreateRadialGradient(new SKPoint(cx - r / 3, cy - r / 3), r * 1.4f, [Colour(random), Colour(random)], SKShaderTileMode.Clamp);
                if (random.Next(3) == 0) paint.MaskFilter = SKMaskFilter.CreateBlur(SKBlurStyle.Normal, r / 6);
                if (random.Next(2) == 0) canvas.DrawCircle(cx, cy, r, paint);
                else canvas.DrawRoundRect(cx - r, cy - r * 0.6f, 2 * r, 1.2f * r, r / 5, r / 5, paint);
            }
            using var font = new SKFont(GoChat.Broadcasts.Images.OverlayTypeface.Value, Math.Max(14, height / 30f));
            using var ink = new SKPaint { IsAntialias = true, Color = random.Next(2) == 0 ? SKColors.White : new SKColor(30, 30, 30) };
            canvas.DrawText($"Kenyataan media {seed}", width * 0.05f, height * 0.9f, SKTextAlign.Left, font, ink);
        }
        AddNoise(bitmap, random, 4);
        return bitmap;
    }

    public static SKBitmap Screenshot(int width, int height, int seed)
    {
        var random = new Random(seed);
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using var canvas = new SKCanvas(bitmap);
        var dark = random.Next(2) == 0;
        canvas.Clear(dark ? new SKColor(24, 26, 30) : new SKColor(246, 247, 249));
        using var bar = new SKPaint { Color = Colour(random) };
        canvas.DrawRect(0, 0, width, height * 0.08f, bar);
        using var card = new SKPaint { Color = dark ? new SKColor(40, 44, 52) : SKColors.White, IsAntialias = true };
        using var font = new SKFont(GoChat.Broadcasts.Images.OverlayTypeface.Value, Math.Max(12, height / 45f));
        using var ink = new SKPaint { IsAntialias = true, Color = dark ? new SKColor(220, 220, 220) : new SKColor(33, 33, 33) };
        using var title = new SKFont(GoChat.Broadcasts.Images.OverlayTypeface.Value, Math.Max(14, height / 30f));
        using var white = new SKPaint { IsAntialias = true, Color = SKColors.White };
        canvas.DrawText($"Saluran rasmi · Pengumuman {seed}", width * 0.03f, height * 0.055f, SKTextAlign.Left, title, white);
        var y = height * 0.12f;
        while (y < height * 0.95f)
        {
            var h = height * (0.1f + 0.15f * (float)random.NextDouble());
            canvas.DrawRoundRect(width * 0.04f, y, width * 0.92f, h, 12, 12, card);
            for (var line = y + font.Size * 1.6f; line < y + h - font.Size * 0.5f; line += font.Size * 1.5f)
                canvas.DrawText(Sentence(random), width * 0.06f, line, SKTextAlign.Left, font, ink);
            y += h + height * 0.03f;
        }
        return bitmap;
    }

    /// <summary>One of many different unmarked pictures, for the false-alarm test: kind, size and content vary with the seed.</summary>
    public static SKBitmap Varied(int seed)
    {
        var random = new Random(seed * 7919 + 1);
        var width = 256 + 32 * random.Next(8);
        var height = 256 + 32 * random.Next(8);
        return random.Next(3) == 0 ? Screenshot(width, height, seed) : Photo(width, height, seed);
    }

    public static SKBitmap Copy(SKBitmap bitmap) => bitmap.Copy() ?? throw new InvalidOperationException("copy failed");

    private static readonly string[] Words = ["kerajaan", "mesyuarat", "arahan", "jabatan", "notis", "segera", "rahsia", "laporan", "2026", "pegawai", "tarikh", "daerah"];

    private static string Sentence(Random random) =>
        string.Join(' ', Enumerable.Range(0, 5 + random.Next(8)).Select(_ => Words[random.Next(Words.Length)]));

    private static SKColor Colour(Random random) => new((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));

    /// <summary>Roughly Gaussian (sum of three uniforms) luma-and-colour noise of the given standard deviation.</summary>
    public static void AddNoise(SKBitmap bitmap, Random random, double sigma)
    {
        var pixels = bitmap.GetPixelSpan();
        for (var y = 0; y < bitmap.Height; y++)
        {
            var row = pixels.Slice(y * bitmap.RowBytes, bitmap.Width * 4);
            for (var x = 0; x < bitmap.Width; x++)
            {
                var common = Gaussish(random) * sigma;
                for (var c = 0; c < 3; c++)
                    row[4 * x + c] = (byte)Math.Clamp((int)Math.Round(row[4 * x + c] + common + Gaussish(random) * sigma * 0.4), 0, 255);
            }
        }
        bitmap.NotifyPixelsChanged();
    }

    private static double Gaussish(Random random) => (random.NextDouble() + random.NextDouble() + random.NextDouble() - 1.5) * 2;
}
