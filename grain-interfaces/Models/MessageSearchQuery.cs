namespace GoChat.GrainInterfaces.Models;

/// <summary>A search over the messages the user may read.</summary>
/// <param name="Text">Words in Bahasa Melayu or English; every word must match (as stem, or as a near spelling).</param>
/// <param name="ConversationId">Search inside this one chat only; null for all of them.</param>
/// <param name="Cursor">The <see cref="MessageSearchPage.NextCursor"/> of the page before; null for the first page.</param>
[GenerateSerializer, Immutable, Alias("gochat.message-search-query")]
public sealed record MessageSearchQuery(
    [property: Id(0)] string Text,
    [property: Id(1)] Guid? ConversationId = null,
    [property: Id(2)] string? Cursor = null,
    [property: Id(3)] int Limit = SearchLimits.DefaultPage);
