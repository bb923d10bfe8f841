using GoChat.Grains.Identity;

namespace GoChat.Grains.Agencies;

/// <summary>
/// An agency and its email domains. Which domains it may have is DomainPolicy's call, checked against what DomainStore
/// holds in one locked transaction; the table keeps each domain, pending or active, with one agency only.
/// </summary>
[GrainType("agency")]
public sealed class AgencyGrain(
    [PersistentState("agency")] IPersistentState<AgencyState> state,
    DomainStore domains,
    DomainPolicy policy,
    AuditStore audit,
    TimeProvider time) : Grain, IAgencyGrain
{
    private AgencyState S => state.State;

    private Guid Id => this.GetPrimaryKey();

    public async Task<AgencyInfo> Create(Guid actor, string name, AgencyCategory category, IReadOnlyList<string> domainNames)
    {
        await Authorize.PlatformAdmin(GrainFactory, actor);
        if (S.Name is not null) throw new GoChatException(ErrorCodes.AlreadyExists, "This agency already exists.");
        name = TextRules.Required(name, 200, "An agency name");
        if (category == AgencyCategory.None || !Enum.IsDefined(category)) throw GoChatException.Invalid("Unknown agency category.");
        var normalized = (domainNames ?? []).Select(DomainPolicy.Normalize).Distinct().ToList();

        var info = new AgencyInfo(Id, name, category, [], time.GetUtcNow());
        var placed = await domains.Place(info, Id, actor, normalized, (d, related) => policy.Place(d, Id, byPlatformAdmin: true, related));
        S.Name = name;
        S.Category = category;
        S.Domains = [.. placed.Where(d => d.Status == DomainStatus.Active).Select(d => d.Domain)];
        S.CreatedAt = info.CreatedAt;
        await state.WriteStateAsync();
        await audit.Append(AuditActions.AgencyCreated, Id, actor, null, $"{name} ({category}) {string.Join(',', normalized)}");
        foreach (var d in placed) await AuditPlaced(actor, d);
        return Info();
    }

    public Task<AgencyInfo?> GetInfo() => Task.FromResult(S.Name is null ? null : Info());

    public async Task<AgencyDomain> RequestDomain(Guid actor, string domain)
    {
        var admin = await RequireAdmin(actor);
        var d = DomainPolicy.Normalize(domain);
        var platform = admin.Role == UserRole.PlatformAdmin;
        var placed = (await domains.Place(null, Id, actor, [d], (name, related) => policy.Place(name, Id, platform, related)))[0];
        if (placed.Status == DomainStatus.Active) await Activated(d);
        await AuditPlaced(actor, placed);
        return placed;
    }

    public async Task<AgencyDomain> ConsentToDomain(Guid actor, string domain)
    {
        var request = await Pending(domain, DomainStatus.PendingConsent);
        var consenting = request.ConsentAgencyId!.Value;
        await Authorize.AdminOf(GrainFactory, actor, consenting);
        var updated = await domains.Consent(request.Domain, Id, consenting, actor)
            ?? throw new GoChatException(ErrorCodes.Conflict, "That request is no longer awaiting consent.");
        // The consenting agency's act, so it sits in that agency's audit log.
        await audit.Append(AuditActions.DomainConsented, consenting, actor, null, $"{updated.Domain} for {Id}");
        if (updated.Status == DomainStatus.Active)
        {
            await Activated(updated.Domain);
            await audit.Append(AuditActions.DomainAdded, Id, actor, null, updated.Domain);
        }
        return updated;
    }

    public async Task<AgencyDomain> ApproveDomain(Guid actor, string domain)
    {
        await Authorize.PlatformAdmin(GrainFactory, actor);
        var request = await Pending(domain, null);
        if (request.Status == DomainStatus.PendingConsent)
        {
            throw new GoChatException(ErrorCodes.Conflict, $"'{request.Domain}' lies inside a domain of {request.ConsentAgencyName}, whose consent comes first.");
        }
        var updated = await domains.Approve(request.Domain, Id, actor)
            ?? throw new GoChatException(ErrorCodes.Conflict, "That request is no longer awaiting approval.");
        await Activated(updated.Domain);
        await audit.Append(AuditActions.DomainApproved, Id, actor, null, updated.Domain);
        await audit.Append(AuditActions.DomainAdded, Id, actor, null, updated.Domain);
        return updated;
    }

    public async Task RejectDomain(Guid actor, string domain)
    {
        var account = await Authorize.Admin(GrainFactory, actor);
        var request = await Pending(domain, null);
        var platform = account.Role == UserRole.PlatformAdmin;
        if (!platform)
        {
            // An agency may refuse consent to a domain inside its own; only a platform admin rejects anything else.
            if (request.Status != DomainStatus.PendingConsent) throw new GoChatException(ErrorCodes.Forbidden, "Only platform admins can reject this request.");
            await Authorize.AdminOf(GrainFactory, actor, request.ConsentAgencyId!.Value);
        }
        if (!await domains.Remove(request.Domain, Id, request.Status)) throw new GoChatException(ErrorCodes.Conflict, "That request has changed meanwhile.");
        if (platform) await audit.Append(AuditActions.DomainRejected, Id, actor, null, $"{request.Domain} ({request.Status})");
        else await audit.Append(AuditActions.DomainConsentRefused, request.ConsentAgencyId, actor, null, $"{request.Domain} for {Id}");
    }

    public async Task<AgencyInfo> RemoveDomain(Guid actor, string domain)
    {
        await RequireAdmin(actor);
        var d = DomainPolicy.Normalize(domain);
        var stored = await domains.Find(d);
        if (stored is null || stored.AgencyId != Id) throw GoChatException.Invalid("That domain is not the agency's.");
        if (!await domains.Remove(d, Id, stored.Status)) throw new GoChatException(ErrorCodes.Conflict, "That domain has changed meanwhile.");
        if (S.Domains.Remove(d)) await state.WriteStateAsync();
        await audit.Append(AuditActions.DomainRemoved, Id, actor, null, stored.Status == DomainStatus.Active ? d : $"{d} (request withdrawn)");
        return Info();
    }

    /// <summary>This agency's pending request for the domain, or DOMAIN_NOT_FOUND.</summary>
    private async Task<AgencyDomain> Pending(string domain, DomainStatus? status)
    {
        var request = await domains.Find(DomainPolicy.Normalize(domain));
        if (request is null || request.AgencyId != Id || request.Status == DomainStatus.Active || (status is { } s && request.Status != s))
        {
            throw new GoChatException(ErrorCodes.DomainNotFound, "No such pending domain request.");
        }
        return request;
    }

    /// <summary>The request's first audit rows: a platform admin's request is their approval; an active one is added.</summary>
    private async Task AuditPlaced(Guid actor, AgencyDomain placed)
    {
        var consent = placed.ConsentAgencyId is { } c ? $" awaiting consent of {c}" : "";
        await audit.Append(placed.Approved ? AuditActions.DomainApproved : AuditActions.DomainRequested, Id, actor, null, $"{placed.Domain}{consent}");
        if (placed.Status == DomainStatus.Active) await audit.Append(AuditActions.DomainAdded, Id, actor, null, placed.Domain);
    }

    private async Task Activated(string domain)
    {
        if (S.Domains.Contains(domain)) return;
        S.Domains.Add(domain);
        await state.WriteStateAsync();
    }

    // Passkeys (issue 12, item 4)
    public Task<bool> RequiresPasskeyForAdmins() => Task.FromResult(S.RequirePasskeyForAdmins);

    public async Task<AgencySecurity> GetSecurity(Guid actor)
    {
        await RequireAdmin(actor);
        return new AgencySecurity(S.RequirePasskeyForAdmins, S.WebPushAllowed);
    }

    public async Task<AgencySecurity> SetSecurity(Guid actor, AgencySecurity security)
    {
        await RequireAdmin(actor);
        if (security is null) throw GoChatException.Invalid("A security setting is required.");
        if (security == new AgencySecurity(S.RequirePasskeyForAdmins, S.WebPushAllowed)) return security;
        S.RequirePasskeyForAdmins = security.RequirePasskeyForAdmins;
        S.WebPushAllowed = security.WebPushAllowed;
        await state.WriteStateAsync();
        await audit.Append(AuditActions.AgencySecurityChanged, this.GetPrimaryKey(), actor, null,
            $"require passkey for admins: {security.RequirePasskeyForAdmins}; web push allowed: {security.WebPushAllowed}");
        return security;
    }

    // Web Push (issue 14)
    public Task<bool> AllowsWebPush() => Task.FromResult(S.Name is not null && S.WebPushAllowed);

    private async Task<AccountInfo> RequireAdmin(Guid actor)
    {
        if (S.Name is null) throw new GoChatException(ErrorCodes.AgencyNotFound, "No such agency.");
        return await Authorize.AdminOf(GrainFactory, actor, Id);
    }

    private AgencyInfo Info() => new(Id, S.Name!, S.Category, [.. S.Domains], S.CreatedAt);
}
