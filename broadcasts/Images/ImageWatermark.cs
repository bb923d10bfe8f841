using SkiaSharp;

namespace GoChat.Broadcasts.Images;

/// <summary>
/// Marks a broadcast's image for one recipient — a faint visible overlay naming them, then an invisible 160-bit
/// codeword in the luma's block DCT — and reads the codeword back from a leaked copy. The codeword is opaque here:
/// the delivery-mark code makes it (Reed-Solomon over the recipient's mark and its MAC) and decodes what
/// <see cref="Extract(ReadOnlySpan{byte}, ImageMarkOptions, SKSizeI?)"/> returns. Deterministic: the same picture,
/// codeword and options give the same bytes.
/// </summary>
public static class ImageWatermark
{
    public const int CodewordBytes = MarkLayout.PayloadBytes;

    /// <summary>The picture marked, encoded as it came (JPEG or PNG; other formats as JPEG, or PNG with transparency).</summary>
    public static byte[] Embed(ReadOnlySpan<byte> encodedImage, ReadOnlySpan<byte> codeword20, VisibleMark? visible, ImageMarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        RequireCodeword(codeword20);
        var (bitmap, kind) = PictureCodec.Decode(encodedImage);
        using (bitmap)
        {
            Embed(bitmap, codeword20, visible, options);
            return PictureCodec.Encode(bitmap, kind, options.JpegQuality);
        }
    }

    /// <summary>Marks an RGBA 8888 bitmap in place: overlay first, then the invisible mark, so the overlay's edges do not cut into it.</summary>
    public static void Embed(SKBitmap bitmap, ReadOnlySpan<byte> codeword20, VisibleMark? visible, ImageMarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(bitmap);
        ArgumentNullException.ThrowIfNull(options);
        RequireCodeword(codeword20);
        if (visible is not null) VisibleOverlay.Draw(bitmap, visible, options.VisibleOpacity);
        var layout = new MarkLayout(options.Key);
        LumaPlane.AddTo(bitmap, MarkEmbedder.Delta(LumaPlane.Of(bitmap), layout, codeword20, options.Strength));
    }

    /// <summary>
    /// Reads the mark of an encoded picture. <paramref name="originalSize"/> is the broadcast's size as sent, which
    /// the server knows: with it a resized copy is scaled straight back; without it the reader tries the copy as it
    /// is, then ×2, ×4/3 and ×1.6 (copies at 50 %, 75 % and 62.5 %). A sync that is close, or found in only some
    /// regions, also has the scales 1–2 % either side of the best one read.
    /// </summary>
    public static ImageMarkReading Extract(ReadOnlySpan<byte> encodedImage, ImageMarkOptions options, SKSizeI? originalSize = null)
    {
        var (bitmap, _) = PictureCodec.Decode(encodedImage);
        using (bitmap) return Extract(bitmap, options, originalSize);
    }

    /// <summary>Reads the mark of decoded pixels (any colour type; converted to RGBA 8888 when needed).</summary>
    public static ImageMarkReading Extract(SKBitmap bitmap, ImageMarkOptions options, SKSizeI? originalSize = null)
    {
        ArgumentNullException.ThrowIfNull(bitmap);
        ArgumentNullException.ThrowIfNull(options);
        var layout = new MarkLayout(options.Key);
        var best = ImageMarkReading.Nothing(double.NegativeInfinity, 0);
        var bestSize = new SKSizeI(bitmap.Width, bitmap.Height);
        foreach (var size in Sizes(bestSize, originalSize))
        {
            var reading = ReadAt(bitmap, size, layout, options);
            if (reading.Found && reading.RegionsFound == reading.RegionsSearched) return reading;
            if (Better(reading, best)) (best, bestSize) = (reading, size);
            if (reading.Found) break;
        }
        // Some regions marked, or a sync just short of the threshold: the copy is likely a little larger or smaller than
        // the scale read at (a photo of a screen, a crop resized by hand), which drifts the grid across each region.
        // Only then are the scales a percent or two either side tried, so unmarked pictures rarely pay for them.
        if (best.SyncScore < options.FoundThreshold - RefineMargin) return best;
        foreach (var factor in FineFactors)
        {
            var reading = ReadAt(bitmap, Scaled(bestSize, factor), layout, options);
            if (Better(reading, best)) best = reading;
        }
        return best;
    }

    /// <summary>Share of the expected LLR under which a bit is doubtful (colluders' disagreeing bits read about 0).</summary>
    private const double DoubtfulBelow = 0.35;

    /// <summary>How far below the threshold a sync still makes the reader look at nearby scales.</summary>
    private const double RefineMargin = 1.5;

    private static readonly double[] FineFactors = [1.01, 0.99, 1.02, 0.98];

    private static bool Better(ImageMarkReading candidate, ImageMarkReading best) =>
        (candidate.RegionsFound, candidate.SyncScore).CompareTo((best.RegionsFound, best.SyncScore)) > 0;

    private static ImageMarkReading ReadAt(SKBitmap bitmap, SKSizeI size, MarkLayout layout, ImageMarkOptions options)
    {
        var scale = (double)size.Width / bitmap.Width;
        LumaPlane luma;
        var converted = bitmap.ColorType == SKColorType.Rgba8888 ? null : PictureCodec.ToRgba(bitmap);
        try
        {
            var source = converted ?? bitmap;
            if (size.Width == source.Width && size.Height == source.Height) luma = LumaPlane.Of(source);
            else
            {
                using var resized = PictureCodec.Resize(source, size.Width, size.Height);
                luma = LumaPlane.Of(resized);
            }
        }
        finally
        {
            converted?.Dispose();
        }

        var (regions, bestZ) = MarkDetector.Align(luma, layout, options.Strength, options.FoundThreshold);
        var found = regions.Where(r => r is not null).Select(r => r!).ToArray();
        if (found.Length == 0) return ImageMarkReading.Nothing(bestZ, regions.Length) with { Scale = scale };

        var (llrs, expected) = MarkDetector.BitLlrs(found, layout);
        var codeword = new byte[CodewordBytes];
        var confidence = new double[CodewordBytes];
        for (var i = 0; i < CodewordBytes; i++)
        {
            double right = 1;
            for (var b = 0; b < 8; b++)
            {
                var llr = llrs[i * 8 + b];
                if (llr > 0) codeword[i] |= (byte)(0x80 >> b);
                // The Gaussian LLR assumes each reading is ±μ; a bit two colluders' copies disagree on reads about 0
                // yet gets a large LLR from the host's noise alone. A bit under a third of the strength the sync promises
                // is doubtful in proportion, so such bytes become erasures instead of confident errors.
                var share = expected[i * 8 + b] > 0 ? Math.Abs(llr) / expected[i * 8 + b] : 0;
                right *= Math.Min(1, share / DoubtfulBelow) / (1 + Math.Exp(-Math.Abs(llr)));
            }
            confidence[i] = right;
        }
        var erasures = Enumerable.Range(0, CodewordBytes)
            .Where(i => confidence[i] < options.ErasureBelow)
            .OrderBy(i => confidence[i]).ThenBy(i => i)
            .Take(ImageMarkOptions.MaxErasures)
            .ToArray();
        return new ImageMarkReading(true, bestZ, codeword, confidence, erasures, scale, found.Length, regions.Length);
    }

    /// <summary>The sizes to read the picture at, most likely first.</summary>
    private static IEnumerable<SKSizeI> Sizes(SKSizeI current, SKSizeI? original)
    {
        if (original is { } o && o.Width > 0 && o.Height > 0)
        {
            // Same aspect (within rounding): a plain resize, so read at exactly the original size.
            var sameAspect = Math.Abs((double)o.Width / o.Height - (double)current.Width / current.Height) < 0.01;
            var scale = (double)Math.Max(o.Width, o.Height) / Math.Max(current.Width, current.Height);
            if (sameAspect) yield return o;
            else yield return Scaled(current, scale);
            if (Math.Abs(scale - 1) > 0.01) yield return current;
            yield break;
        }
        yield return current;
        foreach (var scale in new[] { 2.0, 4.0 / 3, 1.6 }) yield return Scaled(current, scale);
    }

    private static SKSizeI Scaled(SKSizeI size, double scale) =>
        new((int)Math.Round(size.Width * scale), (int)Math.Round(size.Height * scale));

    private static void RequireCodeword(ReadOnlySpan<byte> codeword)
    {
        if (codeword.Length != CodewordBytes)
            throw new ArgumentException($"An image mark carries a {CodewordBytes}-byte codeword, not {codeword.Length} bytes.", nameof(codeword));
    }
}
