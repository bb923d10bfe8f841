namespace GoChat.GrainInterfaces;

/// <summary>Admin reads over the directory and the audit log; stateless, checks the actor's role on every call.</summary>
[Alias("gochat.IAdminQueryGrain")]
public interface IAdminQueryGrain : IGrainWithIntegerKey
{
    [Alias("ListUsers")] Task<IReadOnlyList<DirectoryUser>> ListUsers(Guid actor, Guid agencyId, AccountStatus? status);

    /// <summary>The agency's part of the audit log, newest first.</summary>
    [Alias("ReadAudit")] Task<IReadOnlyList<AuditEntry>> ReadAudit(Guid actor, Guid agencyId, long? beforeId, int limit);

    /// <summary>
    /// Recomputes the whole hash chain. A platform admin gets every row counted; an agency admin gets their agency's
    /// row count, and the first broken row's id only if it is one of theirs.
    /// </summary>
    [Alias("VerifyAudit")] Task<AuditVerification> VerifyAudit(Guid actor);
}
