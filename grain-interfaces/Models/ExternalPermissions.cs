namespace GoChat.GrainInterfaces.Models;

/// <summary>What an admin has allowed an external user beyond the default; staff always have both.</summary>
/// <param name="CanCreateGroups">Create groups (and, later, broadcast channels).</param>
/// <param name="CanSeeAllAgencies">Find and contact people outside the agency that approved them.</param>
[GenerateSerializer, Immutable, Alias("gochat.external-permissions")]
public sealed record ExternalPermissions(
    [property: Id(0)] bool CanCreateGroups,
    [property: Id(1)] bool CanSeeAllAgencies);
