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

    // Passkeys (issue 12, item 4)
    /// <summary>For gateways, on every admin request of this agency's admins: must they have signed in with a passkey?</summary>
    [AlwaysInterleave, ReadOnly, Alias("RequiresPasskeyForAdmins")] Task<bool> RequiresPasskeyForAdmins();

    /// <summary>The agency's own admins, or a platform admin.</summary>
    [Alias("GetSecurity")] Task<AgencySecurity> GetSecurity(Guid actor);

    [Alias("SetSecurity")] Task<AgencySecurity> SetSecurity(Guid actor, AgencySecurity security);
}
