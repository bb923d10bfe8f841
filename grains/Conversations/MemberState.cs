namespace GoChat.Grains.Conversations;

[GenerateSerializer, Alias("gochat.MemberState")]
public sealed class MemberState
{
    [Id(0)] public MemberRole Role { get; set; }
    [Id(1)] public long JoinedSeq { get; set; }
    // Ids 2-4 held the cursors before issue 13; never reuse them. The cursors are rows of gochat_cursors now,
    // loaded at activation and kept here in memory only (not part of the stored state).
    [NonSerialized] public long DeliveredSeq;
    [NonSerialized] public long ReadSeq;
    [NonSerialized] public bool SharesReadReceipts = true;
    /// <summary>Tie-breaker when the owner leaves: the longest-standing member takes over.</summary>
    [Id(5)] public DateTimeOffset JoinedAt { get; set; }
}
