namespace GoChat.GrainInterfaces;

/// <summary>
/// Search across chats: one SQL query over the message index, joined with the user's memberships, so the answer holds
/// exactly what history would show them (nothing from before they joined, nothing of a chat they left).
/// </summary>
[Alias("gochat.IMessageSearchGrain")]
public interface IMessageSearchGrain : IGrainWithIntegerKey
{
    /// <summary>EMPTY_TEXT for a query without words, TEXT_TOO_LONG past <see cref="SearchLimits.MaxQueryLength"/>, CONVERSATION_NOT_FOUND for a chat the user is not in.</summary>
    [Alias("Search")] Task<MessageSearchPage> Search(Guid user, MessageSearchQuery query);
}
