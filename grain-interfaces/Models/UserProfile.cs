namespace GoChat.GrainInterfaces.Models;

[GenerateSerializer, Immutable, Alias("gochat.profile")]
public sealed record UserProfile(
    [property: Id(0)] Guid UserId,
    [property: Id(1)] string Handle,
    [property: Id(2)] string DisplayName);
