namespace GoChat.Broadcasts.Images;

/// <summary>
/// Finds the mark in a luma plane already at the marked picture's scale. The plane is cut into regions of about
/// <see cref="RegionSize"/> px, each aligned on its own (grid offset and tile offset by the sync pattern) so that a
/// slight perspective or lens warp, which moves the grid by a pixel or two across a photo, only has to be right
/// locally. The regions whose sync is found are soft-combined into one log-likelihood ratio per payload bit.
/// </summary>
internal static class MarkDetector
{
    public const int RegionSize = 512;

    /// <summary>A reading this far above the mark's own amplitude is an edge of the host, not the mark.</summary>
    private const float ClipFactor = 4f;

    private const int N = DctBasis.Size;
    private const int T = MarkLayout.TileBlocks;
    private const int Cells = T * T;

    public static (RegionAlignment?[] Regions, double BestZ) Align(LumaPlane luma, MarkLayout layout, float strength, double threshold)
    {
        var across = Math.Max(1, luma.Width / RegionSize);
        var down = Math.Max(1, luma.Height / RegionSize);
        var regions = new RegionAlignment?[across * down];
        var bestZ = double.NegativeInfinity;
        for (var j = 0; j < down; j++)
        {
            for (var i = 0; i < across; i++)
            {
                int x0 = i * luma.Width / across, x1 = (i + 1) * luma.Width / across;
                int y0 = j * luma.Height / down, y1 = (j + 1) * luma.Height / down;
                var alignment = Search(luma, x0, y0, x1 - x0, y1 - y0, layout, strength * ClipFactor);
                if (alignment is null) continue;
                bestZ = Math.Max(bestZ, alignment.Z);
                if (alignment.Z >= threshold) regions[j * across + i] = alignment;
            }
        }
        return (regions, bestZ);
    }

    /// <summary>
    /// Every payload bit's log-likelihood ratio (positive: set) from the found regions. Each slot reading x counts
    /// 2μx/σ², the Gaussian LLR for ±μ in noise σ², so a clean region outweighs a damaged one. Also the LLR each
    /// bit would have if every reading carried the full ±μ the sync shows, against which a weak bit is judged.
    /// </summary>
    public static (double[] Llrs, double[] Expected) BitLlrs(IEnumerable<RegionAlignment> regions, MarkLayout layout)
    {
        var llrs = new double[MarkLayout.PayloadBits];
        var expected = new double[MarkLayout.PayloadBits];
        foreach (var region in regions)
        {
            var scale = 2 * region.Mean / region.Variance;
            for (var slot = 0; slot < MarkLayout.Slots; slot++)
            {
                var bit = layout.Bit[slot];
                if (bit < 0) continue;
                llrs[bit] += scale * layout.Sign[slot] * region.Slots[slot];
                expected[bit] += scale * region.Mean;
            }
        }
        return (llrs, expected);
    }

    /// <summary>
    /// The best grid and tile offset in one region. Coarse first (even grid offsets: the mark's low frequencies keep
    /// most of their correlation one pixel off), then the eight neighbours of the best; 24 grid offsets × 1024 tile
    /// offsets in all.
    /// </summary>
    private static RegionAlignment? Search(LumaPlane luma, int x0, int y0, int width, int height, MarkLayout layout, float clip)
    {
        if (width < 4 * N || height < 4 * N) return null;
        var best = new Candidate();
        int[] coarse = [0, 2, 4, 6];
        foreach (var ox in coarse) Evaluate(luma, x0, y0, width, height, ox, coarse, layout, clip, ref best);
        var (bx, by) = (best.OffsetX, best.OffsetY);
        for (var dx = -1; dx <= 1; dx++)
        {
            var ox = (bx + dx) & (N - 1);
            var oys = new List<int>();
            for (var dy = -1; dy <= 1; dy++)
                if (dx != 0 || dy != 0) oys.Add((by + dy) & (N - 1));
            Evaluate(luma, x0, y0, width, height, ox, [.. oys], layout, clip, ref best);
        }
        if (best.Folded is null) return null;

        var slots = new float[MarkLayout.Slots];
        var k = MarkLayout.SlotsPerBlock;
        for (var ty = 0; ty < T; ty++)
            for (var tx = 0; tx < T; tx++)
                for (var c = 0; c < k; c++)
                    slots[(ty * T + tx) * k + c] = best.Folded[c * Cells + ((ty + best.ShiftY) & (T - 1)) * T + ((tx + best.ShiftX) & (T - 1))];

        double sum = 0;
        foreach (var s in layout.Sync) sum += s.Sign * slots[(s.Y * T + s.X) * k + s.K];
        var mean = sum / layout.Sync.Length;
        double squares = 0;
        foreach (var s in layout.Sync)
        {
            var e = s.Sign * slots[(s.Y * T + s.X) * k + s.K] - mean;
            squares += e * e;
        }
        var variance = Math.Max(squares / (layout.Sync.Length - 1), 1e-9);
        return new RegionAlignment(best.Z, best.OffsetX, best.OffsetY, slots, mean, variance);
    }

    private struct Candidate
    {
        public double Z;
        public int OffsetX, OffsetY, ShiftX, ShiftY;
        public float[]? Folded;
    }

    /// <summary>
    /// Reads the region at grid offset (ox, each of oys) and keeps the best tile offset. Separable: the horizontal
    /// half of the DCT is done once per ox for all rows, so each oy costs only the vertical half.
    /// </summary>
    private static void Evaluate(LumaPlane luma, int x0, int y0, int width, int height, int ox, int[] oys, MarkLayout layout, float clip, ref Candidate best)
    {
        var coefficients = DctBasis.Coefficients;
        var k = coefficients.Length;
        var blocksX = (width - ox) / N;
        if (blocksX <= 0) return;

        // Horizontal projections for each distinct u: h[u][row · blocksX + bx].
        var horizontal = new float[N][];
        foreach (var (u, _) in coefficients)
        {
            if (horizontal[u] is not null) continue;
            var row = DctBasis.Rows[u];
            var h = horizontal[u] = new float[height * blocksX];
            for (var y = 0; y < height; y++)
            {
                var line = luma.Values.AsSpan((y0 + y) * luma.Width + x0 + ox, blocksX * N);
                for (var b = 0; b < blocksX; b++)
                {
                    var p = line.Slice(b * N, N);
                    float acc = 0;
                    for (var x = 0; x < N; x++) acc += row[x] * p[x];
                    h[y * blocksX + b] = acc;
                }
            }
        }

        var folded = new float[k * Cells];
        var padded = new float[k * 4 * Cells];
        var sync = layout.Sync;
        var positive = sync.Where(x => x.Sign > 0).Select(x => x.K * 4 * Cells + x.Y * 2 * T + x.X).ToArray();
        var negative = sync.Where(x => x.Sign < 0).Select(x => x.K * 4 * Cells + x.Y * 2 * T + x.X).ToArray();
        foreach (var oy in oys)
        {
            var blocksY = (height - oy) / N;
            if (blocksY <= 0) continue;
            Array.Clear(folded);
            for (var by = 0; by < blocksY; by++)
            {
                var cellRow = (by & (T - 1)) * T;
                for (var c = 0; c < k; c++)
                {
                    var (u, v) = coefficients[c];
                    var column = DctBasis.Rows[v];
                    var h = horizontal[u];
                    var baseRow = oy + by * N;
                    for (var bx = 0; bx < blocksX; bx++)
                    {
                        float acc = 0;
                        for (var y = 0; y < N; y++) acc += column[y] * h[(baseRow + y) * blocksX + bx];
                        folded[c * Cells + cellRow + (bx & (T - 1))] += Math.Clamp(acc, -clip, clip);
                    }
                }
            }

            double energy = 0;
            foreach (var f in folded) energy += f * f;
            if (energy <= 0) continue;
            var norm = Math.Sqrt(sync.Length * energy / folded.Length);

            // Wrap-padded to 64 × 64 cells so each tile offset is one constant added to every sync slot's index.
            for (var c = 0; c < k; c++)
                for (var y = 0; y < 2 * T; y++)
                    for (var x = 0; x < 2 * T; x++)
                        padded[c * 4 * Cells + y * 2 * T + x] = folded[c * Cells + (y & (T - 1)) * T + (x & (T - 1))];
            double localZ = double.NegativeInfinity;
            int localX = 0, localY = 0;
            for (var sy = 0; sy < T; sy++)
            {
                for (var sx = 0; sx < T; sx++)
                {
                    var offset = sy * 2 * T + sx;
                    float plus = 0, minus = 0;
                    foreach (var i in positive) plus += padded[i + offset];
                    foreach (var i in negative) minus += padded[i + offset];
                    var corr = (double)plus - minus;
                    if (corr <= localZ) continue;
                    (localZ, localX, localY) = (corr, sx, sy);
                }
            }
            localZ /= norm;
            if (best.Folded is not null && localZ <= best.Z) continue;
            best = new Candidate { Z = localZ, OffsetX = ox, OffsetY = oy, ShiftX = localX, ShiftY = localY, Folded = (float[])folded.Clone() };
        }
    }
}
