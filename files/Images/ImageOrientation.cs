using SkiaSharp;

namespace GoChat.Files.Images;

/// <summary>
/// EXIF orientation applied to pixels. The tag goes with the rest of the metadata when a picture is re-encoded, so
/// the turn it describes must be drawn into the pixels or a phone photo ends up on its side.
/// </summary>
public static class ImageOrientation
{
    /// <summary>Whether the picture is seen with its stored width and height swapped.</summary>
    public static bool SwapsSides(SKEncodedOrigin origin) =>
        origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;

    /// <summary>The size the picture is seen at, for a stored pixel grid of <paramref name="stored"/>.</summary>
    public static SKSizeI Upright(SKEncodedOrigin origin, SKSizeI stored) =>
        SwapsSides(origin) ? new SKSizeI(stored.Height, stored.Width) : stored;

    /// <summary>Maps the stored pixel grid (w × h) onto the upright picture.</summary>
    public static SKMatrix Matrix(SKEncodedOrigin origin, float w, float h) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
        _ => SKMatrix.Identity,
    };
}
