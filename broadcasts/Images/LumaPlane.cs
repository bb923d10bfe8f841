using SkiaSharp;

namespace GoChat.Broadcasts.Images;

/// <summary>
/// The luma (BT.601, as JPEG computes it) of an RGBA picture. The mark changes luma only, by adding the same amount
/// to R, G and B, which leaves Cb and Cr as they were: JPEG keeps luma at full resolution and halves chroma, so
/// that is where a mark lasts.
/// </summary>
internal sealed class LumaPlane
{
    public int Width { get; }
    public int Height { get; }
    public float[] Values { get; }

    private LumaPlane(int width, int height, float[] values)
    {
        Width = width;
        Height = height;
        Values = values;
    }

    public float this[int x, int y] => Values[y * Width + x];

    public static LumaPlane Of(SKBitmap bitmap)
    {
        RequireRgba(bitmap);
        var width = bitmap.Width;
        var height = bitmap.Height;
        var values = new float[width * height];
        var pixels = bitmap.GetPixelSpan();
        var rowBytes = bitmap.RowBytes;
        for (var y = 0; y < height; y++)
        {
            var row = pixels.Slice(y * rowBytes, width * 4);
            for (var x = 0; x < width; x++)
                values[y * width + x] = 0.299f * row[4 * x] + 0.587f * row[4 * x + 1] + 0.114f * row[4 * x + 2];
        }
        return new LumaPlane(width, height, values);
    }

    /// <summary>
    /// Adds <paramref name="delta"/> (one value a pixel) to the luma of the bitmap in place. Premultiplied pixels get
    /// the change in proportion to their alpha, so a half-transparent pixel shows the same change once composited.
    /// </summary>
    public static void AddTo(SKBitmap bitmap, float[] delta)
    {
        RequireRgba(bitmap);
        var width = bitmap.Width;
        var pixels = bitmap.GetPixelSpan();
        var rowBytes = bitmap.RowBytes;
        var premultiplied = bitmap.AlphaType == SKAlphaType.Premul;
        for (var y = 0; y < bitmap.Height; y++)
        {
            var row = pixels.Slice(y * rowBytes, width * 4);
            for (var x = 0; x < width; x++)
            {
                var d = delta[y * width + x];
                if (d == 0) continue;
                var limit = 255;
                if (premultiplied)
                {
                    limit = row[4 * x + 3];
                    d *= limit / 255f;
                }
                for (var c = 0; c < 3; c++)
                    row[4 * x + c] = (byte)Math.Clamp((int)MathF.Round(row[4 * x + c] + d), 0, limit);
            }
        }
        bitmap.NotifyPixelsChanged();
    }

    private static void RequireRgba(SKBitmap bitmap)
    {
        if (bitmap.ColorType != SKColorType.Rgba8888)
            throw new ArgumentException($"Image marks work on RGBA 8888 pixels, not {bitmap.ColorType}.", nameof(bitmap));
    }
}
