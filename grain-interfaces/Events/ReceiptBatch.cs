namespace GoChat.GrainInterfaces.Events;

/// <summary>
/// A group's cursor changes of one coalescing window, sent to each subscribed gateway as one event: per sender, the
/// counts of their messages that changed, and each member's own new cursors, for that member's other devices only.
/// </summary>
[GenerateSerializer, Immutable, Alias("gochat.receipt-batch")]
public sealed record ReceiptBatch(
    [property: Id(0)] IReadOnlyList<ReceiptCounts> Counts,
    [property: Id(1)] IReadOnlyList<Receipt> OwnCursors);
