namespace GoChat.GrainInterfaces.Events;

/// <summary>What a conversation sends its subscribed gateways: exactly one of the three is set.</summary>
[GenerateSerializer, Immutable, Alias("gochat.conversation-event")]
public sealed record ConversationEvent(
    [property: Id(0)] ChatMessage? Message = null,
    [property: Id(1)] Receipt? Receipt = null,
    [property: Id(2)] TypingSignal? Typing = null);
