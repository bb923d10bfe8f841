using SkiaSharp;

namespace GoChat.Files.Images;

/// <summary>
/// Makes the display picture, the thumbnail and the blur placeholder of an uploaded image. Every one is encoded
/// again from decoded pixels, upright, so EXIF (GPS position, camera serial), XMP, comments, ICC payloads and
/// anything appended after the image data are not in them. The header's dimensions are checked before a pixel is
/// decoded, and a JPEG is decoded straight at (about) the display size, so a 12 MP photo never becomes a 4000 ×
/// 3000 buffer.
/// </summary>
/// <remarks>
/// <para>Formats follow the profile pictures': opaque images become JPEG (small for photos, decoded by every
/// client), images with transparency PNG (lossless, keeps the alpha; such images are mostly logos, stickers and
/// screenshots, where PNG is compact and lossy edges show). The placeholder is WebP: at 16 px a JPEG's tables alone
/// are ~600 bytes, a WebP of the same pixels under 100, and it keeps the alpha too.</para>
/// <para>The codec reads the caller's stream as it decodes (<see cref="SKManagedStream"/>) rather than a copy of it:
/// libjpeg and libpng read front to back in small reads, so the encoded file is never held whole in memory (a copy
/// measured 17 MB more peak for a 4.7 MB photo and no faster; WebP's decoder buffers the file itself). An animated
/// GIF or WebP gives its first frame.</para>
/// <para>Peak memory is the decode buffer, plus as much again when it must be scaled or turned, at 4 bytes a pixel:
/// 12 MB for an upright 12 MP JPEG (2000 × 1500), 24 MB for a turned one. Formats without a scaled decode (PNG,
/// GIF) are decoded at full size, at most <see cref="ImageRenditionOptions.MaxPixels"/> × 4 bytes plus a third for
/// mipmaps; callers bound how many run at once.</para>
/// </remarks>
public static class ImageRenditions
{
    public static ImageRenditionResult Make(Stream source, ImageRenditionOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        cancellationToken.ThrowIfCancellationRequested();

        // The codec owns the SKStream and frees it with itself; the caller's stream stays the caller's to dispose.
        SKStream stream = source.CanSeek
            ? new SKManagedStream(source, disposeManagedStream: false)
            : new SKFrontBufferedManagedStream(source, SKCodec.MinBufferedBytesNeeded, disposeUnderlyingStream: false);
        using var codec = SKCodec.Create(stream);
        if (codec is null) return ImageRenditionResult.Refused(ImageRefusal.NotAnImage);

        var declared = codec.Info;
        if (declared.Width <= 0 || declared.Height <= 0) return ImageRenditionResult.Refused(ImageRefusal.NotAnImage);
        if ((long)declared.Width * declared.Height > options.MaxPixels) return ImageRenditionResult.Refused(ImageRefusal.TooManyPixels);

        var origin = codec.EncodedOrigin;
        var hasAlpha = declared.AlphaType != SKAlphaType.Opaque;
        var decodeSize = DecodeSize(codec, options.DisplayMaxEdge);
        // A decode that already fits is the display picture as it is; a larger one (PNG, GIF, a huge JPEG) is scaled down.
        var storedDisplay = Fit(decodeSize, options.DisplayMaxEdge);

        var decoded = Decode(codec, decodeSize, hasAlpha);
        if (decoded is null) return ImageRenditionResult.Refused(ImageRefusal.Undecodable);
        using var displayPixels = ToDisplay(decoded, origin, storedDisplay, hasAlpha);
        cancellationToken.ThrowIfCancellationRequested();
        var display = Encode(displayPixels, hasAlpha ? PictureFormat.Png : PictureFormat.Jpeg, options.JpegQuality);

        cancellationToken.ThrowIfCancellationRequested();
        using var thumbnailPixels = Shrink(displayPixels, options.ThumbnailMaxEdge, hasAlpha);
        var thumbnail = Encode(thumbnailPixels, hasAlpha ? PictureFormat.Png : PictureFormat.Jpeg, options.JpegQuality);
        using var placeholderPixels = Shrink(thumbnailPixels, options.PlaceholderMaxEdge, hasAlpha);
        var placeholder = Encode(placeholderPixels, PictureFormat.Webp, options.PlaceholderQuality);

        var upright = ImageOrientation.Upright(origin, declared.Size);
        return ImageRenditionResult.Of(new ImageRendition(upright.Width, upright.Height, codec.FrameCount > 1, display, thumbnail, placeholder));
    }

    /// <summary>The size whose longest side is at most <paramref name="maxEdge"/>, keeping the aspect ratio; never larger.</summary>
    internal static SKSizeI Fit(SKSizeI size, int maxEdge)
    {
        var longest = Math.Max(size.Width, size.Height);
        if (longest <= maxEdge) return size;
        var scale = (double)maxEdge / longest;
        return new SKSizeI(Math.Clamp((int)Math.Round(size.Width * scale), 1, maxEdge), Math.Clamp((int)Math.Round(size.Height * scale), 1, maxEdge));
    }

    /// <summary>
    /// The size to decode at. Skia decodes a JPEG at eighths of its size (libjpeg scales in the IDCT, so 1/2 costs
    /// about half the time of a full decode and a quarter of the memory) and a WebP at any size; PNG and GIF only at
    /// full size. The largest of those that fits the display picture is used as the display picture itself when it
    /// is at least <see cref="CloseEnough"/> of the size asked for (a 4000 × 3000 photo gives 2000 × 1500 for 2048,
    /// with no resampling pass); otherwise the smallest that covers it, scaled down after.
    /// </summary>
    private static SKSizeI DecodeSize(SKCodec codec, int maxEdge)
    {
        var full = codec.Info.Size;
        var target = Fit(full, maxEdge);
        if (target == full) return full;

        SKSizeI? fitting = null, covering = null;
        // Skia rounds a JPEG's scale to the nearest eighth, so the exact scale alone can land on either side.
        foreach (var scale in Scales((float)target.Width / full.Width))
        {
            var size = codec.GetScaledDimensions(scale);
            if (Longest(size) <= maxEdge)
            {
                if (fitting is not { } f || Longest(size) > Longest(f)) fitting = size;
            }
            else if (covering is not { } c || Longest(size) < Longest(c)) covering = size;
        }
        if (fitting is { } fits && Longest(fits) >= CloseEnough * Longest(target)) return fits;
        return covering ?? full;

        static IEnumerable<float> Scales(float exact)
        {
            yield return exact;
            for (var eighths = 1; eighths < 8; eighths++) yield return eighths / 8f;
        }
    }

    /// <summary>A display picture this much smaller than asked for is not worth a resampling pass (20–35 % of the work).</summary>
    private const float CloseEnough = 0.8f;

    private static int Longest(SKSizeI size) => Math.Max(size.Width, size.Height);

    /// <summary>Decodes the first frame, converted to sRGB from whatever profile it carries; null when the pixels do not decode.</summary>
    private static SKBitmap? Decode(SKCodec codec, SKSizeI size, bool hasAlpha)
    {
        using var srgb = SKColorSpace.CreateSrgb();
        var info = new SKImageInfo(size.Width, size.Height, SKImageInfo.PlatformColorType, hasAlpha ? SKAlphaType.Premul : SKAlphaType.Opaque, srgb);
        var bitmap = new SKBitmap();
        if (!bitmap.TryAllocPixels(info))
        {
            bitmap.Dispose();
            return null;
        }
        // Incomplete input is refused too: Skia would fill the rest with grey, and the file is not what it claims.
        if (codec.GetPixels(info, bitmap.GetPixels()) != SKCodecResult.Success)
        {
            bitmap.Dispose();
            return null;
        }
        return bitmap;
    }

    /// <summary>The decoded pixels scaled to the display size and turned upright; takes ownership of <paramref name="decoded"/>.</summary>
    private static SKBitmap ToDisplay(SKBitmap decoded, SKEncodedOrigin origin, SKSizeI storedDisplay, bool hasAlpha)
    {
        if (origin == SKEncodedOrigin.TopLeft && decoded.Width == storedDisplay.Width && decoded.Height == storedDisplay.Height) return decoded;
        using (decoded)
        {
            var reduction = (float)decoded.Width / storedDisplay.Width;
            // Scaled to the display size first, then turned upright, in one pass over the pixels.
            var matrix = ImageOrientation.Matrix(origin, storedDisplay.Width, storedDisplay.Height)
                .PreConcat(SKMatrix.CreateScale(1 / reduction, (float)storedDisplay.Height / decoded.Height));
            return Draw(decoded, ImageOrientation.Upright(origin, storedDisplay), hasAlpha, matrix, reduction);
        }
    }

    private static SKBitmap Shrink(SKBitmap source, int maxEdge, bool hasAlpha)
    {
        var size = Fit(new SKSizeI(source.Width, source.Height), maxEdge);
        var reduction = (float)source.Width / size.Width;
        return Draw(source, size, hasAlpha, SKMatrix.CreateScale(1 / reduction, (float)size.Height / source.Height), reduction);
    }

    /// <summary>Draws the source through <paramref name="matrix"/> into a new picture of <paramref name="size"/>.</summary>
    private static SKBitmap Draw(SKBitmap source, SKSizeI size, bool hasAlpha, SKMatrix matrix, float reduction)
    {
        var output = new SKBitmap(new SKImageInfo(size.Width, size.Height, SKImageInfo.PlatformColorType, hasAlpha ? SKAlphaType.Premul : SKAlphaType.Opaque));
        using var canvas = new SKCanvas(output);
        canvas.Clear(SKColors.Transparent);
        canvas.SetMatrix(matrix);
        // Wraps the pixels without a copy (SKImage.FromBitmap copies a mutable bitmap). Both sides are drawn without a
        // colour space: the decode already converted to sRGB, so no conversion is wanted here.
        using var pixels = Untagged(source);
        using var image = SKImage.FromPixels(pixels);
        canvas.DrawImage(image, 0, 0, Sampling(reduction));
        return output;
    }

    /// <summary>
    /// A pure turn copies pixels (nearest is exact). Up to 2:1 bilinear reads enough of the source and costs half of
    /// a cubic, which measured 200 ms for a 2048 px display picture here; past 2:1 mipmaps average the source first,
    /// or the result aliases.
    /// </summary>
    private static SKSamplingOptions Sampling(float reduction) => reduction switch
    {
        1f => new SKSamplingOptions(SKFilterMode.Nearest),
        <= 2f => new SKSamplingOptions(SKFilterMode.Linear),
        _ => new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear),
    };

    /// <summary>
    /// The bitmap's pixels seen without a colour space. They are sRGB already, and an untagged picture is encoded
    /// without the ~500-byte ICC profile Skia otherwise writes into every JPEG, PNG and WebP (clients take untagged
    /// as sRGB); for the placeholder that profile would be most of the file.
    /// </summary>
    private static SKPixmap Untagged(SKBitmap bitmap) =>
        new(bitmap.Info.WithColorSpace(null), bitmap.GetPixels(), bitmap.RowBytes);

    private enum PictureFormat { Jpeg, Png, Webp }

    private static RenditionPicture Encode(SKBitmap bitmap, PictureFormat format, int quality)
    {
        using var pixels = Untagged(bitmap);
        using var data = format switch
        {
            PictureFormat.Jpeg => pixels.Encode(new SKJpegEncoderOptions(quality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore)),
            PictureFormat.Png => pixels.Encode(SKPngEncoderOptions.Default),
            _ => pixels.Encode(new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossy, quality)),
        } ?? throw new InvalidOperationException($"Skia could not encode a {bitmap.Width} × {bitmap.Height} {format}.");
        var type = format switch { PictureFormat.Jpeg => "image/jpeg", PictureFormat.Png => "image/png", _ => "image/webp" };
        return new RenditionPicture(type, data.ToArray(), bitmap.Width, bitmap.Height);
    }
}
