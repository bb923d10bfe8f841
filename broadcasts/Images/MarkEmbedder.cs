namespace GoChat.Broadcasts.Images;

/// <summary>
/// Spread-spectrum embedding: each slot's coefficient gets ± strength (sync value, or chip × bit), tile after tile
/// from the picture's top-left corner. Additive rather than quantised (QIM): a quantiser's cells are in absolute
/// units, so the contrast loss of a blur, a resize or a photo of a screen moves a coefficient into the wrong cell,
/// while a correlation only loses amplitude and keeps its sign. The host's own coefficients are the price, and the
/// detector pays it by summing thousands of slots.
/// </summary>
internal static class MarkEmbedder
{
    /// <summary>The luma change for a <paramref name="width"/> × <paramref name="height"/> picture, one value a pixel.</summary>
    public static float[] Delta(LumaPlane luma, MarkLayout layout, ReadOnlySpan<byte> codeword, float strength)
    {
        var width = luma.Width;
        var height = luma.Height;
        var masking = Masking(luma);
        const int n = DctBasis.Size;
        var k = MarkLayout.SlotsPerBlock;
        var delta = new float[width * height];
        var block = new float[n * n];
        for (var by = 0; by < height / n; by++)
        {
            for (var bx = 0; bx < width / n; bx++)
            {
                Array.Clear(block);
                var tileBlock = (by % MarkLayout.TileBlocks) * MarkLayout.TileBlocks + bx % MarkLayout.TileBlocks;
                for (var c = 0; c < k; c++)
                {
                    var slot = tileBlock * k + c;
                    var bit = layout.Bit[slot];
                    var value = bit < 0 ? layout.Sign[slot] : layout.Sign[slot] * BitSign(codeword, bit);
                    var basis = DctBasis.Blocks[c];
                    var a = strength * masking[by * (width / n) + bx] * value;
                    for (var i = 0; i < block.Length; i++) block[i] += a * basis[i];
                }
                for (var y = 0; y < n; y++)
                    block.AsSpan(y * n, n).CopyTo(delta.AsSpan((by * n + y) * width + bx * n, n));
            }
        }
        return delta;
    }

    /// <summary>
    /// Per block, how much of the strength it gets: in proportion to its own texture (luma standard deviation, plus a
    /// floor), relative to the picture's RMS, between <see cref="Weakest"/> and <see cref="Strongest"/>. Flat sky and
    /// flat UI panels are where a low-frequency pattern shows, and they are also where the host adds least noise to
    /// the reading, so they need least; busy blocks hide more and need more. The factors' RMS is 1, so the PSNR is
    /// the same as with a flat strength.
    /// </summary>
    private static float[] Masking(LumaPlane luma)
    {
        const int n = DctBasis.Size;
        var across = luma.Width / n;
        var down = luma.Height / n;
        var factors = new float[across * down];
        double squares = 0;
        for (var by = 0; by < down; by++)
        {
            for (var bx = 0; bx < across; bx++)
            {
                double sum = 0, sum2 = 0;
                for (var y = 0; y < n; y++)
                {
                    var row = luma.Values.AsSpan((by * n + y) * luma.Width + bx * n, n);
                    foreach (var v in row)
                    {
                        sum += v;
                        sum2 += v * v;
                    }
                }
                var variance = Math.Max(0, sum2 / (n * n) - sum * sum / (n * n * n * n));
                var f = (float)Math.Sqrt(variance + TextureFloor);
                factors[by * across + bx] = f;
                squares += f * f;
            }
        }
        if (factors.Length == 0) return factors;
        var rms = (float)Math.Sqrt(squares / factors.Length);
        for (var i = 0; i < factors.Length; i++) factors[i] = Math.Clamp(factors[i] / rms, Weakest, Strongest);
        // Clamping lowered the RMS (most blocks of a screenshot sit at the floor); bring it back to 1 once, so every
        // picture spends the same PSNR budget, and clamp the top again.
        double clamped = 0;
        foreach (var f in factors) clamped += f * f;
        var lift = (float)(1 / Math.Sqrt(clamped / factors.Length));
        for (var i = 0; i < factors.Length; i++) factors[i] = Math.Min(factors[i] * lift, Strongest * lift);
        return factors;
    }

    /// <summary>A luma variance every block is granted, so sensor-noise-only blocks are not judged flat.</summary>
    private const double TextureFloor = 16;

    private const float Weakest = 0.5f;
    private const float Strongest = 1.5f;

    /// <summary>+1 for a set bit, -1 for a clear one; bit 0 is the most significant bit of byte 0.</summary>
    public static int BitSign(ReadOnlySpan<byte> codeword, int bit) => ((codeword[bit >> 3] >> (7 - (bit & 7))) & 1) == 1 ? 1 : -1;
}
