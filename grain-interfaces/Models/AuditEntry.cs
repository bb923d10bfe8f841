namespace GoChat.GrainInterfaces.Models;

/// <param name="Action">What happened, e.g. "user.suspended", "auth.code_failed".</param>
[GenerateSerializer, Immutable, Alias("gochat.audit-entry")]
public sealed record AuditEntry(
    [property: Id(0)] long Id,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] Guid? AgencyId,
    [property: Id(3)] Guid? ActorId,
    [property: Id(4)] string Action,
    [property: Id(5)] Guid? SubjectId,
    [property: Id(6)] string Details);
