namespace GoChat.GrainInterfaces.Models;

/// <summary>What a person may change about their own card; every field is replaced.</summary>
[GenerateSerializer, Immutable, Alias("gochat.profile-update")]
public sealed record ProfileUpdate(
    [property: Id(0)] string DisplayName,
    [property: Id(1)] string? Position = null,
    [property: Id(2)] string? Department = null,
    [property: Id(3)] string? StatusText = null,
    [property: Id(4)] Availability Availability = Availability.Available);
