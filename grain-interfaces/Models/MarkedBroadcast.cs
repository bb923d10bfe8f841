namespace GoChat.GrainInterfaces.Models;

/// <summary>A broadcast whose copies were marked per recipient: what a leak trace compares a recovered mark with.</summary>
[GenerateSerializer, Immutable, Alias("gochat.marked-broadcast")]
public sealed record MarkedBroadcast(
    [property: Id(0)] Guid BroadcastId,
    [property: Id(1)] Guid ChannelId,
    [property: Id(2)] long Seq,
    [property: Id(3)] string Level,
    [property: Id(4)] DateTimeOffset PostedAt,
    [property: Id(5)] string ChannelName);
