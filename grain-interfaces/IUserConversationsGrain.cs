namespace GoChat.GrainInterfaces;

/// <summary>
/// One user's conversation list and their delivered and read cursors, keyed by user id. The list and cursors live
/// in a table (gochat_cursors), not in grain state: the grain loads them at activation and hands cursor changes to
/// the silo's batched writer.
/// </summary>
[Alias("gochat.IUserConversationsGrain")]
public interface IUserConversationsGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Up to <paramref name="limit"/> (at most <see cref="Limits.MaxConversationPage"/>) conversations, newest activity
    /// first, with the last entry, name and unread count (capped, <see cref="Limits.UnreadCountCap"/>). A null cursor is
    /// the first page; pass the page's next cursor for the one after.
    /// </summary>
    [Alias("GetPage")] Task<ConversationPage> GetPage(string? cursor, int limit);

    /// <summary>The last seq of every conversation of the user, from one query: what a reconnect compares with the client's.</summary>
    [Alias("GetHeads")] Task<IReadOnlyList<ConversationHead>> GetHeads();

    /// <summary>Called by a conversation when this user becomes a member.</summary>
    [Alias("JoinedConversation")] Task JoinedConversation(Guid conversationId, ConversationKind kind, long joinedSeq, Guid? peerUserId);

    /// <summary>Called by a conversation when this user stops being a member.</summary>
    [Alias("LeftConversation")] Task LeftConversation(Guid conversationId);

    /// <summary>Advances the user's delivered and read cursors (never back), and tells the conversation.</summary>
    [Alias("MarkCursors")] Task MarkCursors(Guid conversationId, long deliveredSeq, long readSeq);

    /// <summary>Called by the profile grain when the read receipts setting changes: one update for every conversation.</summary>
    [Alias("SetReadReceipts")] Task SetReadReceipts(bool share);

    /// <summary>Mutes the chat until then (null: unmutes). CONVERSATION_NOT_FOUND unless the user is a member.</summary>
    [Alias("Mute")] Task<ChatPreferences> Mute(Guid conversationId, DateTimeOffset? until);

    /// <summary>Pins or unpins the chat; TOO_MANY_PINS past <see cref="Limits.MaxPinnedChats"/>.</summary>
    [Alias("Pin")] Task<ChatPreferences> Pin(Guid conversationId, bool pinned);

    /// <summary>Archives the chat at its current last entry, or takes it out of the archive.</summary>
    [Alias("Archive")] Task<ChatPreferences> Archive(Guid conversationId, bool archived);

    /// <summary>Whether the user is a member of the conversation (for visibility: "already in a direct chat").</summary>
    [AlwaysInterleave, ReadOnly, Alias("IsMember")] Task<bool> IsMember(Guid conversationId);
}
