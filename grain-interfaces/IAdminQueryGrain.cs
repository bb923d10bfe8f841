namespace GoChat.GrainInterfaces;

/// <summary>Admin reads over the directory and the audit log; stateless, checks the actor's role on every call.</summary>
[Alias("gochat.IAdminQueryGrain")]
public interface IAdminQueryGrain : IGrainWithIntegerKey
{
    /// <summary>Newest first; <paramref name="search"/> matches name or email; a page is <paramref name="limit"/> rows from <paramref name="offset"/>.</summary>
    [Alias("ListUsers")] Task<IReadOnlyList<DirectoryUser>> ListUsers(Guid actor, Guid agencyId, AccountStatus? status, string? search, int offset, int limit);

    /// <summary>
    /// The agency's part of the audit log, newest first, each row with its actor's and subject's names; a page ends
    /// before <paramref name="beforeId"/> (keyset). <paramref name="search"/> matches the action, the details or a name or email.
    /// </summary>
    [Alias("ReadAudit")] Task<IReadOnlyList<AuditEntry>> ReadAudit(Guid actor, Guid agencyId, long? beforeId, int limit, string? search);

    /// <summary>
    /// Recomputes the whole hash chain. A platform admin gets every row counted; an agency admin gets their agency's
    /// row count, and the first broken row's id only if it is one of theirs.
    /// </summary>
    [Alias("VerifyAudit")] Task<AuditVerification> VerifyAudit(Guid actor);
}
