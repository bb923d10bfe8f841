namespace GoChat.GrainInterfaces;

/// <summary>An agency: its name, category and email domains. Keyed by agency id.</summary>
[Alias("gochat.IAgencyGrain")]
public interface IAgencyGrain : IGrainWithGuidKey
{
    /// <summary>Platform admins only. Its domains pass the same rules as <see cref="RequestDomain"/>; the creator's act approves them.</summary>
    [Alias("Create")] Task<AgencyInfo> Create(Guid actor, string name, AgencyCategory category, IReadOnlyList<string> domains);

    /// <summary>The agency with its active domains only.</summary>
    [Alias("GetInfo")] Task<AgencyInfo?> GetInfo();

    /// <summary>
    /// The agency's own admins, or a platform admin. Public mail domains and domains above another agency's are
    /// refused; a domain inside another agency's waits for that agency's consent; an agency admin's request waits
    /// for a platform admin's approval, a platform admin's is approved by the act.
    /// </summary>
    [Alias("RequestDomain")] Task<AgencyDomain> RequestDomain(Guid actor, string domain);

    /// <summary>An admin of the agency whose domain contains the requested one, or a platform admin on its behalf.</summary>
    [Alias("ConsentToDomain")] Task<AgencyDomain> ConsentToDomain(Guid actor, string domain);

    /// <summary>Platform admins only, once any consent needed is given.</summary>
    [Alias("ApproveDomain")] Task<AgencyDomain> ApproveDomain(Guid actor, string domain);

    /// <summary>Removes a pending request: a platform admin, or an admin of the agency whose consent it awaits.</summary>
    [Alias("RejectDomain")] Task RejectDomain(Guid actor, string domain);

    /// <summary>The agency's own admins, or a platform admin: an active domain, or a pending request withdrawn.</summary>
    [Alias("RemoveDomain")] Task<AgencyInfo> RemoveDomain(Guid actor, string domain);

    // Passkeys (issue 12, item 4)
    /// <summary>For gateways, on every admin request of this agency's admins: must they have signed in with a passkey?</summary>
    [AlwaysInterleave, ReadOnly, Alias("RequiresPasskeyForAdmins")] Task<bool> RequiresPasskeyForAdmins();

    /// <summary>The agency's own admins, or a platform admin.</summary>
    [Alias("GetSecurity")] Task<AgencySecurity> GetSecurity(Guid actor);

    [Alias("SetSecurity")] Task<AgencySecurity> SetSecurity(Guid actor, AgencySecurity security);

    // Web Push (issue 14)
    /// <summary>For the push sender and the user's own settings: may this agency's users get Web Push notifications?</summary>
    [AlwaysInterleave, ReadOnly, Alias("AllowsWebPush")] Task<bool> AllowsWebPush();
}
