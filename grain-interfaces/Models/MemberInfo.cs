namespace GoChat.GrainInterfaces.Models;

/// <param name="JoinedSeq">The seq of the entry that added this member; history before it is not theirs to read.</param>
/// <param name="ReadSeq">Null when the member does not share read receipts, or the asker does not.</param>
[GenerateSerializer, Immutable, Alias("gochat.member")]
public sealed record MemberInfo(
    [property: Id(0)] Guid UserId,
    [property: Id(1)] MemberRole Role,
    [property: Id(2)] long JoinedSeq,
    [property: Id(3)] long DeliveredSeq,
    [property: Id(4)] long? ReadSeq);
