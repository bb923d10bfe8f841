namespace GoChat.GrainInterfaces.Events;

/// <summary>What travels on a conversation's stream: exactly one of the three is set.</summary>
[GenerateSerializer, Immutable, Alias("gochat.conversation-event")]
public sealed record ConversationEvent(
    [property: Id(0)] ChatMessage? Message = null,
    [property: Id(1)] Receipt? Receipt = null,
    [property: Id(2)] TypingSignal? Typing = null);
