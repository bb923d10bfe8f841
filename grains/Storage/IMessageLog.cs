namespace GoChat.Grains.Storage;

/// <summary>The durable, append-only log of every conversation's entries.</summary>
public interface IMessageLog
{
    /// <summary>Completes once the entry is committed. Entries of one conversation must arrive in seq order.</summary>
    Task Append(ChatMessage entry);

    /// <summary>Called when a conversation activates: it resumes from the log's last seq, whatever failed before.</summary>
    void Reopen(Guid conversationId);

    Task<long> GetLastSeq(Guid conversationId);

    Task<ChatMessage?> Get(Guid conversationId, long seq);

    /// <summary>Entries with seq &gt; afterSeq, oldest first.</summary>
    Task<IReadOnlyList<ChatMessage>> ReadAfter(Guid conversationId, long afterSeq, int limit);

    /// <summary>The newest entries with floorSeq &lt;= seq &lt; beforeSeq, returned oldest first.</summary>
    Task<IReadOnlyList<ChatMessage>> ReadBefore(Guid conversationId, long beforeSeq, long floorSeq, int limit);

    /// <summary>The newest entries that carry a client message id, for resend detection after activation.</summary>
    Task<IReadOnlyList<ChatMessage>> ReadRecentWithClientIds(Guid conversationId, int limit);

    Task<ChatMessage?> FindByClientId(Guid conversationId, Guid senderId, string clientMessageId);

    /// <summary>One round trip for a whole conversation list: last entry, name and unread count of each.</summary>
    Task<IReadOnlyDictionary<Guid, ConversationDigest>> Digest(Guid userId, IReadOnlyCollection<(Guid ConversationId, long ReadSeq)> cursors);
}

/// <param name="UnreadCount">Text messages from others after the read cursor (edits, system entries and own messages do not count).</param>
public sealed record ConversationDigest(Guid ConversationId, ChatMessage? LastMessage, string? Name, long UnreadCount);
