using Orleans.Concurrency;

namespace GoChat.Grains.Identity;

[StatelessWorker, GrainType("admin-query")]
public sealed class AdminQueryGrain(DirectoryStore directory, AuditStore audit) : Grain, IAdminQueryGrain
{
    public async Task<IReadOnlyList<DirectoryUser>> ListUsers(Guid actor, Guid agencyId, AccountStatus? status, string? search, int offset, int limit)
    {
        search = Search(search);
        RequirePage(limit);
        if (offset is < 0 or > Limits.MaxAdminOffset) throw GoChatException.Invalid($"The offset is 0 to {Limits.MaxAdminOffset}; narrow the search instead.");
        if (status is { } s && !Enum.IsDefined(s)) throw GoChatException.Invalid("Unknown status.");
        await Authorize.AdminOf(GrainFactory, actor, agencyId);
        return await directory.ListUsers(agencyId, status, search, offset, limit);
    }

    public async Task<IReadOnlyList<AuditEntry>> ReadAudit(Guid actor, Guid agencyId, long? beforeId, int limit, string? search)
    {
        search = Search(search);
        RequirePage(limit);
        if (beforeId is < 1) throw GoChatException.Invalid("before is the id of a row already read (1 or more).");
        await Authorize.AdminOf(GrainFactory, actor, agencyId);
        return await audit.Read(agencyId, beforeId, limit, search);
    }

    private static string? Search(string? search) => TextRules.Optional(search, Limits.MaxAdminSearchLength, "A search");

    private static void RequirePage(int limit)
    {
        if (limit is < 1 or > Limits.MaxAdminPage) throw GoChatException.Invalid($"A page holds 1 to {Limits.MaxAdminPage} rows.");
    }

    public async Task<AuditVerification> VerifyAudit(Guid actor)
    {
        var account = await GrainFactory.GetGrain<IUserGrain>(actor).GetAccount();
        if (account is null || account.Status != AccountStatus.Active || account.Role == UserRole.User)
        {
            throw new GoChatException(ErrorCodes.Forbidden, "Only admins can verify the audit log.");
        }
        // The chain runs through every agency's rows, so it is always checked whole; an agency admin learns only
        // about their own agency's rows: how many, and which is broken if it is theirs.
        return await audit.Verify(account.Role == UserRole.PlatformAdmin ? null : account.AgencyId ?? Guid.Empty);
    }
}
