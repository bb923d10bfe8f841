namespace GoChat.GrainInterfaces.Models;

[GenerateSerializer, Immutable, Alias("gochat.presence")]
public sealed record PresenceInfo(
    [property: Id(0)] Guid UserId,
    [property: Id(1)] PresenceStatus Status,
    [property: Id(2)] DateTimeOffset? LastSeen);
