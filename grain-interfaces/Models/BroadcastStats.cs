namespace GoChat.GrainInterfaces.Models;

/// <summary>How far one broadcast has reached, counted over the channel's subscribers' cursors (never per person for optional channels).</summary>
/// <param name="NotRead">Mandatory channels only: who has not read it yet (at most <see cref="Limits.MaxUnreadNames"/>); null otherwise.</param>
[GenerateSerializer, Immutable, Alias("gochat.broadcast-stats")]
public sealed record BroadcastStats(
    [property: Id(0)] Guid ChannelId,
    [property: Id(1)] long Seq,
    [property: Id(2)] long Subscribers,
    [property: Id(3)] long Delivered,
    [property: Id(4)] long Read,
    [property: Id(5)] IReadOnlyList<Guid>? NotRead = null);
