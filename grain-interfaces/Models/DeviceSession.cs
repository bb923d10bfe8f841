namespace GoChat.GrainInterfaces.Models;

[GenerateSerializer, Immutable, Alias("gochat.device")]
public sealed record DeviceSession(
    [property: Id(0)] Guid DeviceId,
    [property: Id(1)] string Name,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] DateTimeOffset LastUsedAt,
    [property: Id(4)] DateTimeOffset RefreshExpiresAt);
