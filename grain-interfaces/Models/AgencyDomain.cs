namespace GoChat.GrainInterfaces.Models;

/// <summary>
/// One email domain of an agency, active or requested. <paramref name="ConsentAgencyId"/> is the agency whose domain
/// contains this one (its consent is needed); <paramref name="Approved"/> says a platform admin has approved it already.
/// </summary>
[GenerateSerializer, Immutable, Alias("gochat.agency_domain")]
public sealed record AgencyDomain(
    [property: Id(0)] string Domain,
    [property: Id(1)] Guid AgencyId,
    [property: Id(2)] string AgencyName,
    [property: Id(3)] DomainStatus Status,
    [property: Id(4)] Guid? ConsentAgencyId,
    [property: Id(5)] string? ConsentAgencyName,
    [property: Id(6)] bool Approved,
    [property: Id(7)] Guid? RequestedBy,
    [property: Id(8)] DateTimeOffset RequestedAt);
