namespace GoChat.GrainInterfaces.Models;

/// <summary>Given only once the entry is durable in the message log.</summary>
/// <param name="Duplicate">True when this client message id was already stored; Seq is the first one's.</param>
[GenerateSerializer, Immutable, Alias("gochat.ack")]
public sealed record SendAck(
    [property: Id(0)] Guid ConversationId,
    [property: Id(1)] long Seq,
    [property: Id(2)] DateTimeOffset ServerTime,
    [property: Id(3)] bool Duplicate = false);
