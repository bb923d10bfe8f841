namespace GoChat.Broadcasts.Images;

/// <summary>
/// Where the sync pattern and each payload bit sit in a tile, for one key. A tile is 32 × 32 blocks of 8 × 8 pixels
/// (256 px) with <see cref="DctBasis.Coefficients"/> slots in each block; a keyed permutation scatters the slots so
/// that a damaged region (a caption burnt in, a cropped edge) costs every bit a little rather than some bits all.
/// Every slot also has a keyed chip (±1), so a host whose coefficients lean one way (a gradient, a flat UI) adds
/// noise to a bit rather than a bias, and a mark made with another key looks like noise.
/// </summary>
internal sealed class MarkLayout
{
    public const int TileBlocks = 32;
    public const int PayloadBits = 160;
    public const int PayloadBytes = PayloadBits / 8;

    /// <summary>
    /// Copies of each payload bit in a tile. 22 × 160 = 3520 of the 4096 slots; the other 576 are sync, enough for a
    /// single 256 px tile to be found after JPEG 50 (z about 8) and for four of them to be found with room to spare.
    /// </summary>
    public const int Repeats = 22;

    public static int SlotsPerBlock => DctBasis.Coefficients.Length;
    public static int Slots => TileBlocks * TileBlocks * SlotsPerBlock;
    public static int SyncSlots => Slots - Repeats * PayloadBits;

    /// <summary>The payload bit of each slot, or -1 for a sync slot. Slot = (ty · 32 + tx) · K + k.</summary>
    public int[] Bit { get; }

    /// <summary>The sync value (sync slots) or chip (payload slots) of each slot, ±1.</summary>
    public sbyte[] Sign { get; }

    /// <summary>The sync slots as (k, tx, ty, sign), for the alignment search's inner loop.</summary>
    public (int K, int X, int Y, int Sign)[] Sync { get; }

    public MarkLayout(ReadOnlySpan<byte> key)
    {
        var random = new KeyedRandom(key, "gochat/broadcast-image-mark/v1/layout");
        var order = new int[Slots];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = random.Below(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        Bit = new int[Slots];
        Sign = new sbyte[Slots];
        Sync = new (int, int, int, int)[SyncSlots];
        for (var i = 0; i < order.Length; i++)
        {
            var slot = order[i];
            Sign[slot] = (sbyte)random.Sign();
            if (i < SyncSlots)
            {
                Bit[slot] = -1;
                var block = slot / SlotsPerBlock;
                Sync[i] = (slot % SlotsPerBlock, block % TileBlocks, block / TileBlocks, Sign[slot]);
            }
            else Bit[slot] = (i - SyncSlots) % PayloadBits;
        }
    }
}
