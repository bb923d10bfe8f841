using GoChat.Grains.Identity;
using Orleans.Concurrency;

namespace GoChat.Grains.Agencies;

[StatelessWorker, GrainType("domain-requests")]
public sealed class DomainRequestsGrain(DomainStore domains) : Grain, IDomainRequestsGrain
{
    public async Task<IReadOnlyList<AgencyDomain>> List(Guid actor)
    {
        var admin = await Authorize.Admin(GrainFactory, actor);
        if (admin.Role == UserRole.PlatformAdmin) return await domains.Pending(null);
        return admin.AgencyId is { } agency ? await domains.Pending(agency) : [];
    }

    public async Task<AgencyDomain> Consent(Guid actor, string domain) => await (await Requester(actor, domain)).ConsentToDomain(actor, domain);

    public async Task<AgencyDomain> Approve(Guid actor, string domain) => await (await Requester(actor, domain)).ApproveDomain(actor, domain);

    public async Task Reject(Guid actor, string domain) => await (await Requester(actor, domain)).RejectDomain(actor, domain);

    /// <summary>
    /// The grain of the agency that asked, which decides. To an agency admin with no part in the request (neither
    /// asking nor consenting), it looks missing, as if it did not exist.
    /// </summary>
    private async Task<IAgencyGrain> Requester(Guid actor, string domain)
    {
        var admin = await Authorize.Admin(GrainFactory, actor);
        var request = await domains.Find(DomainPolicy.Normalize(domain));
        var visible = request is not null && request.Status != DomainStatus.Active
            && (admin.Role == UserRole.PlatformAdmin || admin.AgencyId == request.AgencyId
                || (admin.AgencyId == request.ConsentAgencyId && request.Status == DomainStatus.PendingConsent));
        if (!visible) throw new GoChatException(ErrorCodes.DomainNotFound, "No such pending domain request.");
        return GrainFactory.GetGrain<IAgencyGrain>(request!.AgencyId);
    }
}
