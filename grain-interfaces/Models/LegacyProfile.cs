namespace GoChat.GrainInterfaces.Models;

/// <summary>The profile fields and settings that releases before the profile grain kept in the user grain's state.</summary>
[GenerateSerializer, Immutable, Alias("gochat.legacy-profile")]
public sealed record LegacyProfile(
    [property: Id(0)] string? Position,
    [property: Id(1)] string? Department,
    [property: Id(2)] string? StatusText,
    [property: Id(3)] Availability Availability,
    [property: Id(4)] long PhotoVersion,
    [property: Id(5)] UserSettings Settings)
{
    /// <summary>What an account that never set any of them holds: nothing to hand over.</summary>
    public static readonly LegacyProfile None = new(null, null, null, Availability.Available, 0, new UserSettings());
}
