namespace GoChat.GrainInterfaces.Models;

/// <param name="FirstBrokenId">The first row whose hash does not follow from its content and the row before; null when intact.</param>
[GenerateSerializer, Immutable, Alias("gochat.audit-verification")]
public sealed record AuditVerification(
    [property: Id(0)] bool Intact,
    [property: Id(1)] long RowsChecked,
    [property: Id(2)] long? FirstBrokenId);
