namespace GoChat.GrainInterfaces.Models;

/// <param name="Action">What happened, e.g. "user.suspended", "auth.code_failed".</param>
/// <param name="Actor">Who did it, as the directory names them now; null for the system or an account that is gone.</param>
/// <param name="Subject">Whom it was done to, likewise.</param>
[GenerateSerializer, Immutable, Alias("gochat.audit-entry")]
public sealed record AuditEntry(
    [property: Id(0)] long Id,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] Guid? AgencyId,
    [property: Id(3)] Guid? ActorId,
    [property: Id(4)] string Action,
    [property: Id(5)] Guid? SubjectId,
    [property: Id(6)] string Details,
    [property: Id(7)] AuditPerson? Actor = null,
    [property: Id(8)] AuditPerson? Subject = null);

/// <summary>A person named in an audit row.</summary>
[GenerateSerializer, Immutable, Alias("gochat.audit-person")]
public sealed record AuditPerson(
    [property: Id(0)] string DisplayName,
    [property: Id(1)] string? Email);
