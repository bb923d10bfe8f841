namespace GoChat.GrainInterfaces.Models;

/// <summary>A user as the admin lists show them.</summary>
[GenerateSerializer, Immutable, Alias("gochat.directory-user")]
public sealed record DirectoryUser(
    [property: Id(0)] Guid UserId,
    [property: Id(1)] string? Email,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] Guid? AgencyId,
    [property: Id(4)] bool IsExternal,
    [property: Id(5)] UserRole Role,
    [property: Id(6)] AccountStatus Status,
    [property: Id(7)] DateTimeOffset CreatedAt);
