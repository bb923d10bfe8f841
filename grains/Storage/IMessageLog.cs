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

    /// <summary>The newest client message ids (with sender, seq and time, no bodies), for resend detection after activation.</summary>
    Task<IReadOnlyList<SentClientId>> ReadRecentClientIds(Guid conversationId, int limit);

    Task<ChatMessage?> FindByClientId(Guid conversationId, Guid senderId, string clientMessageId);

}

/// <summary>A stored entry's client message id and what its ack needs.</summary>
public sealed record SentClientId(Guid SenderId, string ClientMessageId, long Seq, DateTimeOffset SentAt);
