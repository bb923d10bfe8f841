using Npgsql;

namespace GoChat.Grains.Storage;

/// <summary>Reads of the message log, plus appends handed to the silo's <see cref="GroupCommitWriter"/>.</summary>
public sealed class PostgresMessageLog(NpgsqlDataSource dataSource, GroupCommitWriter writer) : IMessageLog
{
    internal const string Columns =
        "conversation_id, seq, sender_id, kind, body, client_message_id, reply_to_seq, target_seq, subject_user_id, sent_at, edited_at, deleted, forwarded, mentions, attachments, broadcast";

    /// <summary>How many columns <see cref="Columns"/> names: a query selecting more reads its own from this index on.</summary>
    internal const int ColumnCount = 16;

    public Task Append(ChatMessage entry) => writer.Append(entry);

    public void Reopen(Guid conversationId) => writer.Reopen(conversationId);

    public async Task<long> GetLastSeq(Guid conversationId)
    {
        await using var cmd = dataSource.CreateCommand("SELECT coalesce(max(seq), 0) FROM gochat_messages WHERE conversation_id = @c");
        cmd.Parameters.AddWithValue("c", conversationId);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    public async Task<ChatMessage?> Get(Guid conversationId, long seq)
    {
        var rows = await Query($"SELECT {Columns} FROM gochat_messages WHERE conversation_id = @c AND seq = @s",
            ("c", conversationId), ("s", seq));
        return rows.FirstOrDefault();
    }

    public Task<IReadOnlyList<ChatMessage>> ReadAfter(Guid conversationId, long afterSeq, int limit) =>
        Query($"SELECT {Columns} FROM gochat_messages WHERE conversation_id = @c AND seq > @s ORDER BY seq LIMIT @n",
            ("c", conversationId), ("s", afterSeq), ("n", limit));

    public async Task<IReadOnlyList<ChatMessage>> ReadBefore(Guid conversationId, long beforeSeq, long floorSeq, int limit)
    {
        var rows = await Query(
            $"SELECT {Columns} FROM gochat_messages WHERE conversation_id = @c AND seq < @s AND seq >= @f ORDER BY seq DESC LIMIT @n",
            ("c", conversationId), ("s", beforeSeq), ("f", floorSeq), ("n", limit));
        return rows.Reverse().ToList();
    }

    public async Task<IReadOnlyList<SentClientId>> ReadRecentClientIds(Guid conversationId, int limit)
    {
        // Only what resend detection needs: no bodies, so activating a busy conversation reads little.
        await using var cmd = dataSource.CreateCommand("""
            SELECT sender_id, client_message_id, seq, sent_at FROM gochat_messages
            WHERE conversation_id = @c AND client_message_id IS NOT NULL ORDER BY seq DESC LIMIT @n
            """);
        cmd.Parameters.AddWithValue("c", conversationId);
        cmd.Parameters.AddWithValue("n", limit);
        await using var reader = await cmd.ExecuteReaderAsync();
        var list = new List<SentClientId>();
        while (await reader.ReadAsync())
        {
            list.Add(new SentClientId(reader.GetGuid(0), reader.GetString(1), reader.GetInt64(2), new DateTimeOffset(reader.GetDateTime(3), TimeSpan.Zero)));
        }
        return list;
    }

    public async Task<ChatMessage?> FindByClientId(Guid conversationId, Guid senderId, string clientMessageId)
    {
        var rows = await Query(
            $"SELECT {Columns} FROM gochat_messages WHERE conversation_id = @c AND sender_id = @u AND client_message_id = @m",
            ("c", conversationId), ("u", senderId), ("m", clientMessageId));
        return rows.FirstOrDefault();
    }

    private async Task<IReadOnlyList<ChatMessage>> Query(string sql, params (string Name, object Value)[] parameters)
    {
        await using var cmd = dataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        await using var reader = await cmd.ExecuteReaderAsync();
        var list = new List<ChatMessage>();
        while (await reader.ReadAsync()) list.Add(Map(reader));
        return list;
    }

    internal static ChatMessage Map(NpgsqlDataReader r) => new(
        ConversationId: r.GetGuid(0),
        Seq: r.GetInt64(1),
        SenderId: r.GetGuid(2),
        Kind: (MessageKind)r.GetInt16(3),
        Text: r.IsDBNull(4) ? null : r.GetString(4),
        ClientMessageId: r.IsDBNull(5) ? null : r.GetString(5),
        ReplyToSeq: r.IsDBNull(6) ? null : r.GetInt64(6),
        TargetSeq: r.IsDBNull(7) ? null : r.GetInt64(7),
        SubjectUserId: r.IsDBNull(8) ? null : r.GetGuid(8),
        SentAt: new DateTimeOffset(r.GetDateTime(9), TimeSpan.Zero),
        EditedAt: r.IsDBNull(10) ? null : new DateTimeOffset(r.GetDateTime(10), TimeSpan.Zero),
        Deleted: r.GetBoolean(11),
        Forwarded: r.GetBoolean(12),
        Mentions: r.IsDBNull(13) ? null : r.GetFieldValue<Guid[]>(13),
        Attachments: r.IsDBNull(14) ? null : AttachmentJson.Read(r.GetString(14)),
        Broadcast: r.IsDBNull(15) ? null : BroadcastJson.Read(r.GetString(15)));
}
