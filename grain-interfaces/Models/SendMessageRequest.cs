namespace GoChat.GrainInterfaces.Models;

/// <param name="ClientMessageId">Chosen by the client; sending it again returns the first ack instead of a second message.</param>
[GenerateSerializer, Immutable, Alias("gochat.send")]
public sealed record SendMessageRequest(
    [property: Id(0)] Guid ConversationId,
    [property: Id(1)] string ClientMessageId,
    [property: Id(2)] string Text,
    [property: Id(3)] long? ReplyToSeq = null);
