namespace GoChat.GrainInterfaces;

/// <summary>
/// One user's starred messages, keyed by user id: private marks, never entries of a conversation and never shown
/// to anyone else. Only a live text the user may read can be starred; the list leaves out conversations they left.
/// </summary>
[Alias("gochat.IStarGrain")]
public interface IStarGrain : IGrainWithGuidKey
{
    /// <summary>Idempotent. MESSAGE_NOT_FOUND for a message the user cannot read, TOO_MANY_STARS past <see cref="Limits.MaxStars"/>.</summary>
    [Alias("Star")] Task Star(Guid conversationId, long seq);

    /// <summary>Idempotent: taking off a star that is not there changes nothing.</summary>
    [Alias("Unstar")] Task Unstar(Guid conversationId, long seq);

    /// <summary>Newest star first.</summary>
    [AlwaysInterleave, ReadOnly, Alias("List")] Task<IReadOnlyList<StarredMessage>> List();
}
