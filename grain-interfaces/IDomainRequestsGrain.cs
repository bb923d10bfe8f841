namespace GoChat.GrainInterfaces;

/// <summary>
/// Pending domain requests across agencies, addressed by domain; stateless, so any silo answers. Each act is
/// forwarded to the requesting agency's grain, which decides. A request an agency admin has no part in looks missing.
/// </summary>
[Alias("gochat.IDomainRequestsGrain")]
public interface IDomainRequestsGrain : IGrainWithIntegerKey
{
    /// <summary>Platform admin: every pending request. Agency admin: their agency's, and those awaiting its consent.</summary>
    [Alias("List")] Task<IReadOnlyList<AgencyDomain>> List(Guid actor);

    [Alias("Consent")] Task<AgencyDomain> Consent(Guid actor, string domain);

    [Alias("Approve")] Task<AgencyDomain> Approve(Guid actor, string domain);

    [Alias("Reject")] Task Reject(Guid actor, string domain);
}
