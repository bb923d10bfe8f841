namespace GoChat.GrainInterfaces.Models;

[GenerateSerializer, Immutable, Alias("gochat.conversation")]
public sealed record ConversationInfo(
    [property: Id(0)] Guid Id,
    [property: Id(1)] ConversationKind Kind,
    [property: Id(2)] string? Name,
    [property: Id(3)] IReadOnlyList<MemberInfo> Members,
    [property: Id(4)] long LastSeq,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] string? Description = null,
    /// <summary>The group photo's version (0: none), for GET /api/conversations/{id}/photo?v=.</summary>
    [property: Id(7)] long PhotoVersion = 0);
