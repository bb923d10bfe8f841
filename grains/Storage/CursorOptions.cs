using System.ComponentModel.DataAnnotations;

namespace GoChat.Grains.Storage;

public sealed class CursorOptions
{
    public const string Section = "Cursors";

    /// <summary>How long a cursor change may wait before the silo's writer stores it; a silo crash loses at most this much.</summary>
    [Range(50, 10_000)] public int FlushIntervalMs { get; set; } = 500;

    /// <summary>Distinct (user, conversation) cursors pending that make the writer store them at once.</summary>
    [Range(1, 100_000)] public int MaxPending { get; set; } = 2_000;
}
