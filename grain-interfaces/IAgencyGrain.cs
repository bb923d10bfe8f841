namespace GoChat.GrainInterfaces;

/// <summary>An agency: its name, category and email domains. Keyed by agency id.</summary>
[Alias("gochat.IAgencyGrain")]
public interface IAgencyGrain : IGrainWithGuidKey
{
    /// <summary>Platform admins only.</summary>
    [Alias("Create")] Task<AgencyInfo> Create(Guid actor, string name, AgencyCategory category, IReadOnlyList<string> domains);

    [Alias("GetInfo")] Task<AgencyInfo?> GetInfo();

    /// <summary>The agency's own admins, or a platform admin.</summary>
    [Alias("AddDomain")] Task<AgencyInfo> AddDomain(Guid actor, string domain);

    [Alias("RemoveDomain")] Task<AgencyInfo> RemoveDomain(Guid actor, string domain);
}
