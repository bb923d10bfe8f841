namespace GoChat.GrainInterfaces.Models;

[GenerateSerializer, Immutable, Alias("gochat.agency")]
public sealed record AgencyInfo(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Name,
    [property: Id(2)] AgencyCategory Category,
    [property: Id(3)] IReadOnlyList<string> Domains,
    [property: Id(4)] DateTimeOffset CreatedAt);
