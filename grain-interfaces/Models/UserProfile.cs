namespace GoChat.GrainInterfaces.Models;

/// <summary>A person as others see them: the profile card, a directory hit, the name beside a message.</summary>
/// <param name="IsExternal">Staff of a GLC or private partner, approved by <see cref="AgencyId"/>; clients mark the name.</param>
/// <param name="AgencyName">Filled where the card is shown; null in lists that already group by agency.</param>
/// <param name="PhotoVersion">0 when there is no photo; changes with every upload so clients can cache by it.</param>
[GenerateSerializer, Immutable, Alias("gochat.profile")]
public sealed record UserProfile(
    [property: Id(0)] Guid UserId,
    [property: Id(1)] string Handle,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] Guid? AgencyId = null,
    [property: Id(4)] string? AgencyName = null,
    [property: Id(5)] bool IsExternal = false,
    [property: Id(6)] string? Position = null,
    [property: Id(7)] string? Department = null,
    [property: Id(8)] string? StatusText = null,
    [property: Id(9)] Availability Availability = Availability.Available,
    [property: Id(10)] long PhotoVersion = 0);
