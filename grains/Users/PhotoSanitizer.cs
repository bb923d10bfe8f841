using SkiaSharp;

namespace GoChat.Grains.Users;

/// <summary>A profile picture as GoChat stores and serves it: freshly encoded pixels and nothing else.</summary>
public sealed record SanitizedPhoto(string ContentType, byte[] Data, int Width, int Height);

/// <summary>
/// Decodes an uploaded picture and encodes its pixels again, so what is stored is an image and only an image: a
/// polyglot (a PNG signature with HTML behind it), EXIF (GPS position, camera serial), comments and ICC payloads do
/// not survive. The declared dimensions are checked before any pixel is decoded (a 1 MB PNG can claim 50,000 ×
/// 50,000 pixels), and the result is scaled down so its longest side is at most <see cref="MaxSide"/>.
/// </summary>
/// <remarks>
/// Opaque pictures become JPEG (small for photos, shown by every client), pictures with transparency PNG
/// (lossless, keeps the alpha). WebP would be smaller, but JPEG and PNG are the encoders every browser and
/// native client decodes without question, and a profile picture of ≤ 1024 px is small either way.
/// </remarks>
public static class PhotoSanitizer
{
    public const int MaxSide = 1024;

    /// <summary>Above this a declared side is a decompression bomb, not a photo.</summary>
    public const int MaxDeclaredSide = 16_384;

    /// <summary>Pixels decoded at most (64 MB at 4 bytes each); JPEG and WebP decode scaled down, PNG at full size.</summary>
    public const long MaxDecodedPixels = 4096L * 4096;

    public const int JpegQuality = 85;

    public static SanitizedPhoto Sanitize(string declaredType, byte[] data)
    {
        using var encoded = SKData.CreateCopy(data);
        using var codec = SKCodec.Create(encoded) ?? throw Unsupported("The file is not an image.");
        if (TypeOf(codec.EncodedFormat) != declaredType) throw Unsupported($"The file is not a {declaredType} image.");

        var declared = codec.Info;
        if (declared.Width <= 0 || declared.Height <= 0) throw Unsupported("The picture has no pixels.");
        if (declared.Width > MaxDeclaredSide || declared.Height > MaxDeclaredSide)
        {
            throw TooLarge($"A profile picture is at most {MaxDeclaredSide} pixels on a side.");
        }

        var scale = Math.Min(1f, (float)MaxSide / Math.Max(declared.Width, declared.Height));
        // The codec's own nearest size at or above the target: JPEG decodes at 1/2, 1/4, 1/8 for a fraction of the memory.
        var decodeSize = codec.GetScaledDimensions(scale);
        if ((long)decodeSize.Width * decodeSize.Height > MaxDecodedPixels)
        {
            throw TooLarge($"A profile picture is at most {MaxDecodedPixels / 1_000_000} million pixels.");
        }
        var hasAlpha = declared.AlphaType != SKAlphaType.Opaque;
        using var srgb = SKColorSpace.CreateSrgb();
        var decodeInfo = new SKImageInfo(decodeSize.Width, decodeSize.Height, SKColorType.Rgba8888,
            hasAlpha ? SKAlphaType.Premul : SKAlphaType.Opaque, srgb);
        using var decoded = new SKBitmap(decodeInfo);
        var result = codec.GetPixels(decodeInfo, decoded.GetPixels());
        // Incomplete input is refused too: Skia would fill the rest with zeros, and the file is not what it claims.
        if (result != SKCodecResult.Success) throw Unsupported("The picture could not be read.");

        var stored = new SKSizeI(Math.Max(1, (int)Math.Round(declared.Width * scale)), Math.Max(1, (int)Math.Round(declared.Height * scale)));
        var origin = codec.EncodedOrigin;
        var turned = GoChat.Files.Images.ImageOrientation.SwapsSides(origin);
        var width = turned ? stored.Height : stored.Width;
        var height = turned ? stored.Width : stored.Height;

        using var output = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, hasAlpha ? SKAlphaType.Premul : SKAlphaType.Opaque, srgb));
        using (var canvas = new SKCanvas(output))
        {
            canvas.Clear(hasAlpha ? SKColors.Transparent : SKColors.White);
            // EXIF orientation goes with the metadata, so it is applied to the pixels: a phone photo stays upright.
            canvas.SetMatrix(GoChat.Files.Images.ImageOrientation.Matrix(origin, stored.Width, stored.Height));
            canvas.DrawBitmap(decoded, new SKRect(0, 0, stored.Width, stored.Height), new SKSamplingOptions(SKCubicResampler.Mitchell));
        }
        using var image = SKImage.FromBitmap(output);
        var (format, type, quality) = hasAlpha ? (SKEncodedImageFormat.Png, "image/png", 100) : (SKEncodedImageFormat.Jpeg, "image/jpeg", JpegQuality);
        using var reencoded = image.Encode(format, quality) ?? throw Unsupported("The picture could not be encoded.");
        return new SanitizedPhoto(type, reencoded.ToArray(), width, height);
    }

    private static string? TypeOf(SKEncodedImageFormat format) => format switch
    {
        SKEncodedImageFormat.Png => "image/png",
        SKEncodedImageFormat.Jpeg => "image/jpeg",
        SKEncodedImageFormat.Webp => "image/webp",
        _ => null,
    };

    private static GoChatException Unsupported(string message) => new(ErrorCodes.UnsupportedImage, message);

    private static GoChatException TooLarge(string message) => new(ErrorCodes.PhotoTooLarge, message);
}
