namespace GoChat.GrainInterfaces.Models;

/// <summary>Who a user is to GoChat: identity, agency, role and standing.</summary>
/// <param name="CanCreateGroups">Staff always; external users only when an admin allows it.</param>
/// <param name="CanSeeAllAgencies">Staff always; external users see only the agency that approved them unless an admin allows more.</param>
/// <param name="SessionEpoch">Raised when all sessions end (sign out everywhere, suspension); older access tokens stop working.</param>
[GenerateSerializer, Immutable, Alias("gochat.account")]
public sealed record AccountInfo(
    [property: Id(0)] Guid UserId,
    [property: Id(1)] string? Email,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] Guid? AgencyId,
    [property: Id(4)] bool IsExternal,
    [property: Id(5)] UserRole Role,
    [property: Id(6)] AccountStatus Status,
    [property: Id(7)] int SessionEpoch,
    [property: Id(8)] bool CanCreateGroups = true,
    [property: Id(9)] bool CanSeeAllAgencies = true);
