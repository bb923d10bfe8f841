namespace GoChat.Broadcasts.Images;

/// <summary>
/// What <see cref="ImageWatermark.Extract(ReadOnlySpan{byte}, ImageMarkOptions, SkiaSharp.SKSizeI?)"/> read.
/// <see cref="Found"/> is the sync's verdict only: a found mark's <see cref="Codeword"/> still has to decode (the
/// Reed-Solomon code with <see cref="Erasures"/>) and verify (the MAC) before it names anyone.
/// </summary>
/// <param name="Found">Whether any region's sync z-score reached the threshold.</param>
/// <param name="SyncScore">The best sync z-score seen (about 4–5.5 for unmarked pictures).</param>
/// <param name="Codeword">The 20 candidate bytes; empty when nothing was found.</param>
/// <param name="ByteConfidence">Per byte, the probability that all its eight bits are right; empty when nothing was found.</param>
/// <param name="Erasures">Byte positions the decoder should treat as erased, least confident first.</param>
/// <param name="Scale">The factor the picture was resized by before it was read (1 when read as it was).</param>
/// <param name="RegionsFound">How many regions carried a sync, of <paramref name="RegionsSearched"/>.</param>
/// <param name="RegionsSearched">How many regions were searched at that scale.</param>
public sealed record ImageMarkReading(
    bool Found,
    double SyncScore,
    byte[] Codeword,
    double[] ByteConfidence,
    int[] Erasures,
    double Scale,
    int RegionsFound,
    int RegionsSearched)
{
    internal static ImageMarkReading Nothing(double syncScore, int regionsSearched) =>
        new(false, syncScore, [], [], [], 1, 0, regionsSearched);
}
