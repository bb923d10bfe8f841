namespace GoChat.GrainInterfaces.Models;

/// <summary>
/// Who received and who read one message, as its sender may see it ("Maklumat mesej"). A member who keeps read
/// receipts off appears under <see cref="DeliveredTo"/> only; so does everyone when the sender keeps theirs off.
/// Each list names at most <see cref="Limits.MaxReceiptNames"/> members; the counts are always whole, so a group of
/// 10,000 answers with a few hundred names and "and 9,700 more", not with 10,000 ids.
/// </summary>
/// <param name="ReadBy">Members who read it (and share read receipts).</param>
/// <param name="DeliveredTo">Members whose device has it, not counting those in <see cref="ReadBy"/>.</param>
/// <param name="Pending">Members, other than the sender, who were in the group when it was sent and have it on no device yet.</param>
[GenerateSerializer, Immutable, Alias("gochat.message-receipts")]
public sealed record MessageReceipts(
    [property: Id(0)] Guid ConversationId,
    [property: Id(1)] long Seq,
    [property: Id(2)] IReadOnlyList<Guid> ReadBy,
    [property: Id(3)] IReadOnlyList<Guid> DeliveredTo,
    [property: Id(4)] IReadOnlyList<Guid> Pending,
    [property: Id(5)] int ReadCount,
    [property: Id(6)] int DeliveredCount,
    [property: Id(7)] int PendingCount);
