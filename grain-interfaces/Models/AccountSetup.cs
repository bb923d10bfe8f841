namespace GoChat.GrainInterfaces.Models;

/// <summary>What registration decided about a new account.</summary>
[GenerateSerializer, Immutable, Alias("gochat.account-setup")]
public sealed record AccountSetup(
    [property: Id(0)] string Email,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] Guid? AgencyId,
    [property: Id(3)] bool IsExternal,
    [property: Id(4)] UserRole Role,
    [property: Id(5)] AccountStatus Status);
