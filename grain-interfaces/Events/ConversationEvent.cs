namespace GoChat.GrainInterfaces.Events;

/// <summary>What a conversation sends its subscribed gateways: exactly one of them is set.</summary>
/// <param name="Receipt">A direct conversation's member cursors: both members see them.</param>
/// <param name="Receipts">A group's coalesced cursor changes: counts for the senders, own cursors for their owners.</param>
[GenerateSerializer, Immutable, Alias("gochat.conversation-event")]
public sealed record ConversationEvent(
    [property: Id(0)] ChatMessage? Message = null,
    [property: Id(1)] Receipt? Receipt = null,
    [property: Id(2)] TypingSignal? Typing = null,
    [property: Id(3)] ReceiptBatch? Receipts = null);
