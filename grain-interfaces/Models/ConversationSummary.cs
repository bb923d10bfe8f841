namespace GoChat.GrainInterfaces.Models;

/// <summary>A row of the user's conversation list, with how the user keeps it (<see cref="ChatPreferences"/>).</summary>
/// <param name="UnreadCount">
/// Text messages from others after the read cursor, counted up to <see cref="Limits.UnreadCountCap"/>: that many
/// means "99+" (or more), so the count costs at most a hundred index entries however much was missed.
/// </param>
[GenerateSerializer, Immutable, Alias("gochat.conversation-summary")]
public sealed record ConversationSummary(
    [property: Id(0)] Guid ConversationId,
    [property: Id(1)] ConversationKind Kind,
    [property: Id(2)] string? Name,
    [property: Id(3)] Guid? PeerUserId,
    [property: Id(4)] long LastSeq,
    [property: Id(5)] long ReadSeq,
    [property: Id(6)] long UnreadCount,
    [property: Id(7)] ChatMessage? LastMessage,
    [property: Id(8)] DateTimeOffset? MutedUntil = null,
    [property: Id(9)] DateTimeOffset? PinnedAt = null,
    [property: Id(10)] long? ArchivedSeq = null,
    [property: Id(11)] long PhotoVersion = 0);
