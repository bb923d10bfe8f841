namespace GoChat.GrainInterfaces.Models;

/// <summary>
/// Hits grouped by chat: the chat with the best hit first, inside a chat the best hit first. A chat may go on in the
/// next page; the client merges groups of the same chat.
/// </summary>
/// <param name="NextCursor">Pass it for the next page; null when there is none.</param>
[GenerateSerializer, Immutable, Alias("gochat.message-search-page")]
public sealed record MessageSearchPage(
    [property: Id(0)] IReadOnlyList<MessageSearchGroup> Groups,
    [property: Id(1)] string? NextCursor);

[GenerateSerializer, Immutable, Alias("gochat.message-search-group")]
public sealed record MessageSearchGroup(
    [property: Id(0)] Guid ConversationId,
    [property: Id(1)] ConversationKind Kind,
    [property: Id(2)] Guid? PeerUserId,
    [property: Id(3)] IReadOnlyList<MessageSearchHit> Hits);

/// <param name="Snippet">The message's current text (after edits) around the match, as plain text parts: a client renders them as text, never as markup.</param>
/// <param name="MarkedBroadcastId">
/// Set for a protected broadcast: the gateway weaves the searcher's delivery mark into the snippet, as into every other
/// copy it hands out, so a snippet copied out of the search results is as traceable as the broadcast.
/// </param>
[GenerateSerializer, Immutable, Alias("gochat.message-search-hit")]
public sealed record MessageSearchHit(
    [property: Id(0)] long Seq,
    [property: Id(1)] Guid SenderId,
    [property: Id(2)] DateTimeOffset SentAt,
    [property: Id(3)] DateTimeOffset? EditedAt,
    [property: Id(4)] IReadOnlyList<SnippetPart> Snippet,
    [property: Id(5)] Guid? MarkedBroadcastId = null);

/// <param name="Match">True for a part that matched the query, to be highlighted.</param>
[GenerateSerializer, Immutable, Alias("gochat.snippet-part")]
public sealed record SnippetPart(
    [property: Id(0)] string Text,
    [property: Id(1)] bool Match);
