namespace GoChat.Broadcasts.Images;

/// <summary>
/// The orthonormal 8 × 8 DCT-II basis, for the few coefficients the mark uses. Orthonormal so that a change of a in
/// one coefficient is a pixel-domain energy of exactly a², which is what the PSNR budget is computed from.
/// </summary>
internal static class DctBasis
{
    public const int Size = 8;

    /// <summary>
    /// (u horizontal, v vertical) frequencies carrying the mark. Low ones: they survive JPEG at quality 50, a blur of
    /// one pixel (the response at u = 2 is still 0.7) and halving, where the fourth and higher are mostly gone.
    /// </summary>
    public static readonly (int U, int V)[] Coefficients = [(1, 1), (1, 2), (2, 1), (2, 2)];

    /// <summary>The 1-D factor c(u)/2 · cos((2x+1)uπ/16) for u = 0..7; a 2-D basis value is Row(u)[x] · Row(v)[y].</summary>
    public static readonly float[][] Rows = MakeRows();

    /// <summary>The 2-D basis of each mark coefficient, row-major 8 × 8.</summary>
    public static readonly float[][] Blocks = MakeBlocks();

    private static float[][] MakeRows()
    {
        var rows = new float[Size][];
        for (var u = 0; u < Size; u++)
        {
            rows[u] = new float[Size];
            var c = u == 0 ? Math.Sqrt(0.5) : 1.0;
            for (var x = 0; x < Size; x++) rows[u][x] = (float)(c / 2 * Math.Cos((2 * x + 1) * u * Math.PI / 16));
        }
        return rows;
    }

    private static float[][] MakeBlocks()
    {
        var rows = MakeRows();
        var blocks = new float[Coefficients.Length][];
        for (var k = 0; k < Coefficients.Length; k++)
        {
            var (u, v) = Coefficients[k];
            blocks[k] = new float[Size * Size];
            for (var y = 0; y < Size; y++)
                for (var x = 0; x < Size; x++)
                    blocks[k][y * Size + x] = rows[u][x] * rows[v][y];
        }
        return blocks;
    }
}
