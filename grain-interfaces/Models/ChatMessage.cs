namespace GoChat.GrainInterfaces.Models;

/// <summary>One entry of a conversation's log, as stored and as delivered.</summary>
/// <param name="TargetSeq">For edits and deletes: the message they change.</param>
/// <param name="SubjectUserId">For membership entries: the user added, removed or whose role changed.</param>
/// <param name="Forwarded">A text copied here from another message ("Dimajukan").</param>
/// <param name="Mentions">The members a text mentions (each checked to be a member when it was sent).</param>
/// <param name="Attachments">Files, pictures, voice notes or videos the text (then a caption, possibly empty) carries.</param>
/// <param name="Broadcast">A channel's broadcast: its classification, tags and agency signature (issue 16).</param>
[GenerateSerializer, Immutable, Alias("gochat.message")]
public sealed record ChatMessage(
    [property: Id(0)] Guid ConversationId,
    [property: Id(1)] long Seq,
    [property: Id(2)] Guid SenderId,
    [property: Id(3)] MessageKind Kind,
    [property: Id(4)] string? Text,
    [property: Id(5)] string? ClientMessageId,
    [property: Id(6)] long? ReplyToSeq,
    [property: Id(7)] long? TargetSeq,
    [property: Id(8)] Guid? SubjectUserId,
    [property: Id(9)] DateTimeOffset SentAt,
    [property: Id(10)] DateTimeOffset? EditedAt = null,
    [property: Id(11)] bool Deleted = false,
    [property: Id(12)] bool Forwarded = false,
    [property: Id(13)] IReadOnlyList<Guid>? Mentions = null,
    [property: Id(14)] IReadOnlyList<Attachment>? Attachments = null,
    [property: Id(15)] BroadcastSeal? Broadcast = null);
