using System.Text.RegularExpressions;
using GoChat.Grains.Identity;

namespace GoChat.Grains.Agencies;

/// <summary>An agency and its email domains. Domain ownership is unique across agencies (enforced by the directory table).</summary>
[GrainType("agency")]
public sealed partial class AgencyGrain(
    [PersistentState("agency")] IPersistentState<AgencyState> state,
    DirectoryStore directory,
    AuditStore audit,
    TimeProvider time) : Grain, IAgencyGrain
{
    private AgencyState S => state.State;

    public async Task<AgencyInfo> Create(Guid actor, string name, AgencyCategory category, IReadOnlyList<string> domains)
    {
        await Authorize.PlatformAdmin(GrainFactory, actor);
        if (S.Name is not null) throw new GoChatException(ErrorCodes.AlreadyExists, "This agency already exists.");
        name = name?.Trim() ?? "";
        if (name.Length is 0 or > 200) throw GoChatException.Invalid("An agency name of 1 to 200 characters is required.");
        if (category == AgencyCategory.None || !Enum.IsDefined(category)) throw GoChatException.Invalid("Unknown agency category.");
        var normalized = (domains ?? []).Select(NormalizeDomain).Distinct().ToList();

        var info = new AgencyInfo(this.GetPrimaryKey(), name, category, normalized, time.GetUtcNow());
        if (!await directory.CreateAgency(info)) throw new GoChatException(ErrorCodes.Conflict, "One of these domains already belongs to an agency.");
        S.Name = name;
        S.Category = category;
        S.Domains = normalized;
        S.CreatedAt = info.CreatedAt;
        await state.WriteStateAsync();
        await audit.Append(AuditActions.AgencyCreated, info.Id, actor, null, $"{name} ({category}) {string.Join(',', normalized)}");
        return info;
    }

    public Task<AgencyInfo?> GetInfo() => Task.FromResult(S.Name is null ? null : Info());

    public async Task<AgencyInfo> AddDomain(Guid actor, string domain)
    {
        await RequireAdmin(actor);
        var d = NormalizeDomain(domain);
        if (S.Domains.Contains(d)) return Info();
        if (!await directory.AddDomain(this.GetPrimaryKey(), d)) throw new GoChatException(ErrorCodes.Conflict, "That domain already belongs to an agency.");
        S.Domains.Add(d);
        await state.WriteStateAsync();
        await audit.Append(AuditActions.DomainAdded, this.GetPrimaryKey(), actor, null, d);
        return Info();
    }

    public async Task<AgencyInfo> RemoveDomain(Guid actor, string domain)
    {
        await RequireAdmin(actor);
        var d = NormalizeDomain(domain);
        if (!S.Domains.Contains(d)) throw new GoChatException(ErrorCodes.InvalidArgument, "That domain is not the agency's.");
        await directory.RemoveDomain(this.GetPrimaryKey(), d);
        S.Domains.Remove(d);
        await state.WriteStateAsync();
        await audit.Append(AuditActions.DomainRemoved, this.GetPrimaryKey(), actor, null, d);
        return Info();
    }

    // Passkeys (issue 12, item 4)
    public Task<bool> RequiresPasskeyForAdmins() => Task.FromResult(S.RequirePasskeyForAdmins);

    public async Task<AgencySecurity> GetSecurity(Guid actor)
    {
        await RequireAdmin(actor);
        return new AgencySecurity(S.RequirePasskeyForAdmins);
    }

    public async Task<AgencySecurity> SetSecurity(Guid actor, AgencySecurity security)
    {
        await RequireAdmin(actor);
        if (security is null) throw GoChatException.Invalid("A security setting is required.");
        if (security.RequirePasskeyForAdmins == S.RequirePasskeyForAdmins) return security;
        S.RequirePasskeyForAdmins = security.RequirePasskeyForAdmins;
        await state.WriteStateAsync();
        await audit.Append(AuditActions.AgencySecurityChanged, this.GetPrimaryKey(), actor, null, $"require passkey for admins: {security.RequirePasskeyForAdmins}");
        return security;
    }

    private async Task RequireAdmin(Guid actor)
    {
        if (S.Name is null) throw new GoChatException(ErrorCodes.AgencyNotFound, "No such agency.");
        await Authorize.AdminOf(GrainFactory, actor, this.GetPrimaryKey());
    }

    private AgencyInfo Info() => new(this.GetPrimaryKey(), S.Name!, S.Category, [.. S.Domains], S.CreatedAt);

    private static string NormalizeDomain(string domain)
    {
        var d = domain?.Trim().TrimStart('@').ToLowerInvariant() ?? "";
        if (!DomainPattern().IsMatch(d)) throw GoChatException.Invalid($"'{domain}' is not a valid email domain.");
        return d;
    }

    [GeneratedRegex(@"^(?=.{3,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")]
    private static partial Regex DomainPattern();
}
