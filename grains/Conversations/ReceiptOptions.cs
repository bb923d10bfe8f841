using System.ComponentModel.DataAnnotations;

namespace GoChat.Grains.Conversations;

/// <summary>Section "Receipts": how a group coalesces its members' cursor changes into counts for the senders.</summary>
public sealed class ReceiptOptions
{
    public const string Section = "Receipts";

    /// <summary>
    /// Cursor changes within this long go out as one event per gateway: in a busy group every member reads within a
    /// second or two of a message, and the sender needs the counts, not each member's move.
    /// </summary>
    [Range(50, 10_000)] public int CoalesceMilliseconds { get; set; } = 750;

    /// <summary>
    /// Counts are kept for the newest this many seqs; a cursor move below them changes nothing anyone is shown live
    /// (the sender asks for an older message's receipts on demand).
    /// </summary>
    [Range(1, 10_000)] public int RecentSeqs { get; set; } = 500;

    public TimeSpan Coalesce => TimeSpan.FromMilliseconds(CoalesceMilliseconds);
}
