namespace GoChat.GrainInterfaces.Models;

/// <summary>How far one message of a group has gone, counted over the members other than its sender.</summary>
/// <param name="Recipients">Members other than the sender who were in the group when it was sent.</param>
/// <param name="Delivered">Recipients whose delivered cursor has reached it (reading counts as delivered).</param>
/// <param name="Read">Recipients who read it and share read receipts; null when the sender does not share theirs.</param>
[GenerateSerializer, Immutable, Alias("gochat.message-receipt-count")]
public sealed record MessageReceiptCount(
    [property: Id(0)] long Seq,
    [property: Id(1)] int Recipients,
    [property: Id(2)] int Delivered,
    [property: Id(3)] int? Read);
