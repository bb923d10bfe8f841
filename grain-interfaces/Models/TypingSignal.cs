namespace GoChat.GrainInterfaces.Models;

[GenerateSerializer, Immutable, Alias("gochat.typing")]
public sealed record TypingSignal(
    [property: Id(0)] Guid ConversationId,
    [property: Id(1)] Guid UserId,
    [property: Id(2)] bool IsTyping);
