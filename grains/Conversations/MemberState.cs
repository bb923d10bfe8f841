namespace GoChat.Grains.Conversations;

[GenerateSerializer, Alias("gochat.MemberState")]
public sealed class MemberState
{
    [Id(0)] public MemberRole Role { get; set; }
    [Id(1)] public long JoinedSeq { get; set; }
    [Id(2)] public long DeliveredSeq { get; set; }
    [Id(3)] public long ReadSeq { get; set; }
    [Id(4)] public bool SharesReadReceipts { get; set; } = true;
    /// <summary>Tie-breaker when the owner leaves: the longest-standing member takes over.</summary>
    [Id(5)] public DateTimeOffset JoinedAt { get; set; }
}
