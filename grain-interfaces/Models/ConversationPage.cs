namespace GoChat.GrainInterfaces.Models;

/// <summary>A page of the conversation list, newest activity first.</summary>
/// <param name="NextCursor">Pass it to get the next page; null on the last page.</param>
[GenerateSerializer, Immutable, Alias("gochat.conversation-page")]
public sealed record ConversationPage(
    [property: Id(0)] IReadOnlyList<ConversationSummary> Conversations,
    [property: Id(1)] string? NextCursor);
