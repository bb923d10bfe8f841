using SkiaSharp;

namespace GoChat.Broadcasts.Images;

/// <summary>
/// Draws the recipient's two lines as faint text tiled on a diagonal over the whole picture, white with a dark
/// outline so it shows on light and dark content alike. Tiled rather than in a corner: a corner is cropped off in
/// a second, a pattern over the content is not, and it tells whoever holds a leaked copy that it is traceable.
/// </summary>
internal static class VisibleOverlay
{
    private const float Degrees = -30f;

    public static void Draw(SKBitmap bitmap, VisibleMark mark, float opacity)
    {
        var shortSide = Math.Min(bitmap.Width, bitmap.Height);
        var size = Math.Max(12f, shortSide / 28f);
        using var font = new SKFont(OverlayTypeface.Value, size);
        var alpha = (byte)Math.Clamp(MathF.Round(opacity * 255), 0, 255);
        using var fill = new SKPaint { IsAntialias = true, Color = SKColors.White.WithAlpha(alpha), Style = SKPaintStyle.Fill };
        using var stroke = new SKPaint
        {
            IsAntialias = true,
            Color = new SKColor(20, 20, 20, alpha),
            Style = SKPaintStyle.Stroke,
            StrokeWidth = Math.Max(1f, size / 14f),
        };

        var width = Math.Max(font.MeasureText(mark.Line1), font.MeasureText(mark.Line2));
        var stepX = width + size * 3;
        var stepY = size * 4.5f;
        // The rotated pattern must cover the corners too: draw over a square the size of the diagonal.
        var reach = MathF.Sqrt((float)bitmap.Width * bitmap.Width + (float)bitmap.Height * bitmap.Height);

        using var canvas = new SKCanvas(bitmap);
        canvas.Translate(bitmap.Width / 2f, bitmap.Height / 2f);
        canvas.RotateDegrees(Degrees);
        var row = 0;
        for (var y = -reach / 2; y < reach / 2 + stepY; y += stepY, row++)
        {
            // Alternate rows are staggered by half a step, so the text does not line up into stripes.
            var start = -reach / 2 - (row % 2) * stepX / 2;
            for (var x = start; x < reach / 2 + stepX; x += stepX)
            {
                foreach (var paint in new[] { stroke, fill })
                {
                    canvas.DrawText(mark.Line1, x, y, SKTextAlign.Left, font, paint);
                    canvas.DrawText(mark.Line2, x, y + size * 1.25f, SKTextAlign.Left, font, paint);
                }
            }
        }
        canvas.Flush();
    }
}
