namespace GoChat.Grains.Identity;

/// <summary>
/// Role checks that grains make themselves, from the actor's own account, rather than trusting what a
/// caller claims: a platform admin everywhere, an agency admin in their own agency only.
/// </summary>
public static class Authorize
{
    public static async Task<AccountInfo> PlatformAdmin(IGrainFactory grains, Guid actor)
    {
        var account = await Active(grains, actor);
        if (account.Role != UserRole.PlatformAdmin) throw new GoChatException(ErrorCodes.Forbidden, "Only platform admins can do that.");
        return account;
    }

    public static async Task<AccountInfo> AdminOf(IGrainFactory grains, Guid actor, Guid agencyId)
    {
        var account = await Active(grains, actor);
        var allowed = account.Role == UserRole.PlatformAdmin || (account.Role == UserRole.AgencyAdmin && account.AgencyId == agencyId);
        if (!allowed) throw new GoChatException(ErrorCodes.Forbidden, "Only admins of this agency can do that.");
        return account;
    }

    /// <summary>Any admin: a platform admin, or an agency admin (whose agency the caller then checks).</summary>
    public static async Task<AccountInfo> Admin(IGrainFactory grains, Guid actor)
    {
        var account = await Active(grains, actor);
        if (account.Role is not (UserRole.PlatformAdmin or UserRole.AgencyAdmin)) throw new GoChatException(ErrorCodes.Forbidden, "Only admins can do that.");
        return account;
    }

    private static async Task<AccountInfo> Active(IGrainFactory grains, Guid actor)
    {
        var account = await grains.GetGrain<IUserGrain>(actor).GetAccount();
        if (account is null || account.Status != AccountStatus.Active) throw new GoChatException(ErrorCodes.Forbidden, "Not allowed.");
        return account;
    }
}
