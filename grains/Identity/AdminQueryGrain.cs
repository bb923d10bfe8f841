using Orleans.Concurrency;

namespace GoChat.Grains.Identity;

[StatelessWorker, GrainType("admin-query")]
public sealed class AdminQueryGrain(DirectoryStore directory, AuditStore audit) : Grain, IAdminQueryGrain
{
    public async Task<IReadOnlyList<DirectoryUser>> ListUsers(Guid actor, Guid agencyId, AccountStatus? status)
    {
        await Authorize.AdminOf(GrainFactory, actor, agencyId);
        return await directory.ListUsers(agencyId, status);
    }

    public async Task<IReadOnlyList<AuditEntry>> ReadAudit(Guid actor, Guid agencyId, long? beforeId, int limit)
    {
        await Authorize.AdminOf(GrainFactory, actor, agencyId);
        return await audit.Read(agencyId, beforeId, limit);
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
