namespace GoChat.Broadcasts.Images;

/// <summary>
/// How images are marked. <see cref="Key"/> decides where the sync and payload sit; the same key marks and reads,
/// and a mark made with another key is noise to the reader.
/// </summary>
public sealed record ImageMarkOptions(byte[] Key)
{
    /// <summary>
    /// Amplitude of each marked DCT coefficient (orthonormal units, 8-bit luma). Four coefficients a block at 10
    /// change the pixels by 2.5 RMS: 40 dB PSNR (measured 40.1–41.9 dB;
    /// texture shaping and clipping make it a little higher).
    /// </summary>
    public float Strength { get; init; } = 10f;

    /// <summary>Sync z-score from which a region counts as marked. Unmarked pictures measured at most 5.7 (docs/watermarks-images.md).</summary>
    public double FoundThreshold { get; init; } = 7.5;

    /// <summary>Quality of the JPEG written when the input was a JPEG; high, so the mark loses little on its way out.</summary>
    public int JpegQuality { get; init; } = 92;

    /// <summary>Opacity of the visible overlay's text: faint, yet readable on a leaked copy.</summary>
    public float VisibleOpacity { get; init; } = 0.15f;

    /// <summary>
    /// A byte whose confidence is below this is reported as an erasure (at most <see cref="MaxErasures"/>). An erasure
    /// costs the decoder half what an error does, so erasing pays off once a byte is more likely wrong than right;
    /// at 0.9 right bytes were erased and a 25 % crop that decoded without erasures stopped decoding.
    /// </summary>
    public double ErasureBelow { get; init; } = 0.5;

    /// <summary>The most erasures the Reed-Solomon code can use (2e + f ≤ 8).</summary>
    public const int MaxErasures = 8;
}
