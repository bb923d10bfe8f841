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
    public static float[] Delta(int width, int height, MarkLayout layout, ReadOnlySpan<byte> codeword, float strength)
    {
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
                    var a = strength * value;
                    for (var i = 0; i < block.Length; i++) block[i] += a * basis[i];
                }
                for (var y = 0; y < n; y++)
                    block.AsSpan(y * n, n).CopyTo(delta.AsSpan((by * n + y) * width + bx * n, n));
            }
        }
        return delta;
    }

    /// <summary>+1 for a set bit, -1 for a clear one; bit 0 is the most significant bit of byte 0.</summary>
    public static int BitSign(ReadOnlySpan<byte> codeword, int bit) => ((codeword[bit >> 3] >> (7 - (bit & 7))) & 1) == 1 ? 1 : -1;
}
