namespace GoChat.GrainInterfaces.Models;

/// <summary>
/// What a group's sender learns about their own recent messages: one entry per message whose counts changed since
/// the last update. Only the sender's connections receive it; no other member needs it.
/// </summary>
[GenerateSerializer, Immutable, Alias("gochat.receipt-counts")]
public sealed record ReceiptCounts(
    [property: Id(0)] Guid ConversationId,
    [property: Id(1)] Guid SenderId,
    [property: Id(2)] IReadOnlyList<MessageReceiptCount> Messages);
