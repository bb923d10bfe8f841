namespace GoChat.GrainInterfaces.Models;

/// <param name="ReadSeq">Null when the member does not share read receipts.</param>
[GenerateSerializer, Immutable, Alias("gochat.receipt")]
public sealed record Receipt(
    [property: Id(0)] Guid ConversationId,
    [property: Id(1)] Guid UserId,
    [property: Id(2)] long DeliveredSeq,
    [property: Id(3)] long? ReadSeq);
