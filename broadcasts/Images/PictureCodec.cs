using SkiaSharp;

namespace GoChat.Broadcasts.Images;

/// <summary>
/// Decodes a picture upright into RGBA 8888 (sRGB) and encodes it back in its own kind: a JPEG stays a JPEG, a PNG
/// a PNG; anything else becomes PNG when it has transparency and JPEG when not. Written untagged, like the
/// renditions of ordinary attachments: the pixels are sRGB already and clients read untagged as sRGB.
/// </summary>
internal static class PictureCodec
{
    public enum Kind { Jpeg, Png }

    public static (SKBitmap Bitmap, Kind Kind) Decode(ReadOnlySpan<byte> encoded)
    {
        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data) ?? throw new ArgumentException("The image could not be read.", nameof(encoded));
        var info = codec.Info;
        var hasAlpha = info.AlphaType != SKAlphaType.Opaque;
        var kind = codec.EncodedFormat switch
        {
            SKEncodedImageFormat.Jpeg => Kind.Jpeg,
            SKEncodedImageFormat.Png => Kind.Png,
            _ => hasAlpha ? Kind.Png : Kind.Jpeg,
        };
        using var srgb = SKColorSpace.CreateSrgb();
        var decodeInfo = new SKImageInfo(info.Width, info.Height, SKColorType.Rgba8888, hasAlpha ? SKAlphaType.Premul : SKAlphaType.Opaque, srgb);
        var stored = new SKBitmap(decodeInfo);
        var result = codec.GetPixels(decodeInfo, stored.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            stored.Dispose();
            throw new ArgumentException($"The image could not be decoded ({result}).", nameof(encoded));
        }
        return (Upright(stored, codec.EncodedOrigin), kind);
    }

    public static byte[] Encode(SKBitmap bitmap, Kind kind, int jpegQuality)
    {
        using var pixels = new SKPixmap(bitmap.Info.WithColorSpace(null), bitmap.GetPixels(), bitmap.RowBytes);
        using var data = kind == Kind.Jpeg
            ? pixels.Encode(new SKJpegEncoderOptions(jpegQuality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore))
            : pixels.Encode(SKPngEncoderOptions.Default);
        return data?.ToArray() ?? throw new InvalidOperationException($"Skia could not encode a {bitmap.Width} × {bitmap.Height} {kind}.");
    }

    /// <summary>An RGBA copy of any bitmap (tests and callers of the bitmap overloads may hand in BGRA).</summary>
    public static SKBitmap ToRgba(SKBitmap bitmap)
    {
        var alpha = bitmap.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Premul;
        var copy = new SKBitmap(new SKImageInfo(bitmap.Width, bitmap.Height, SKColorType.Rgba8888, alpha));
        using var canvas = new SKCanvas(copy);
        canvas.Clear(SKColors.Transparent);
        using var image = SKImage.FromBitmap(bitmap);
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest));
        return copy;
    }

    /// <summary>Resized with a cubic filter (Mitchell): its slight ringing costs the mark's low frequencies nothing.</summary>
    public static SKBitmap Resize(SKBitmap bitmap, int width, int height) =>
        bitmap.Resize(new SKImageInfo(width, height, bitmap.ColorType, bitmap.AlphaType), new SKSamplingOptions(SKCubicResampler.Mitchell))
        ?? throw new InvalidOperationException($"Skia could not resize to {width} × {height}.");

    /// <summary>
    /// The picture turned as its EXIF orientation says; takes ownership of <paramref name="stored"/>. The marked copy is
    /// written without EXIF, so its pixels have to be upright, and the mark must sit on the pixels people see.
    /// </summary>
    private static SKBitmap Upright(SKBitmap stored, SKEncodedOrigin origin)
    {
        if (origin == SKEncodedOrigin.TopLeft) return stored;
        using (stored)
        {
            float w = stored.Width, h = stored.Height;
            var turned = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
            var matrix = origin switch
            {
                SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
                SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
                SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
                SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
                SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
                SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
                _ => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
            };
            var size = turned ? new SKSizeI(stored.Height, stored.Width) : new SKSizeI(stored.Width, stored.Height);
            var upright = new SKBitmap(new SKImageInfo(size.Width, size.Height, stored.ColorType, stored.AlphaType, stored.ColorSpace));
            using var canvas = new SKCanvas(upright);
            canvas.Clear(SKColors.Transparent);
            canvas.SetMatrix(matrix);
            using var image = SKImage.FromBitmap(stored);
            canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest));
            return upright;
        }
    }
}
