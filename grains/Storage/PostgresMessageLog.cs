using Npgsql;
using NpgsqlTypes;

namespace GoChat.Grains.Storage;

/// <summary>Reads of the message log, plus appends handed to the silo's <see cref="GroupCommitWriter"/>.</summary>
public sealed class PostgresMessageLog(NpgsqlDataSource dataSource, GroupCommitWriter writer) : IMessageLog
{
    private const string Columns =
        "conversation_id, seq, sender_id, kind, body, client_message_id, reply_to_seq, target_seq, subject_user_id, sent_at, edited_at, deleted";

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

    public Task<IReadOnlyList<ChatMessage>> ReadRecentWithClientIds(Guid conversationId, int limit) =>
        Query($"SELECT {Columns} FROM gochat_messages WHERE conversation_id = @c AND client_message_id IS NOT NULL ORDER BY seq DESC LIMIT @n",
            ("c", conversationId), ("n", limit));

    public async Task<ChatMessage?> FindByClientId(Guid conversationId, Guid senderId, string clientMessageId)
    {
        var rows = await Query(
            $"SELECT {Columns} FROM gochat_messages WHERE conversation_id = @c AND sender_id = @u AND client_message_id = @m",
            ("c", conversationId), ("u", senderId), ("m", clientMessageId));
        return rows.FirstOrDefault();
    }

    public async Task<IReadOnlyDictionary<Guid, ConversationDigest>> Digest(Guid userId, IReadOnlyCollection<(Guid ConversationId, long ReadSeq)> cursors)
    {
        var result = new Dictionary<Guid, ConversationDigest>();
        if (cursors.Count == 0) return result;
        var ids = cursors.Select(c => c.ConversationId).ToArray();
        var reads = cursors.Select(c => c.ReadSeq).ToArray();

        await using var connection = await dataSource.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(connection);
        var last = new NpgsqlBatchCommand($"""
            SELECT {Columns} FROM unnest(@ids) AS c(id)
            CROSS JOIN LATERAL (SELECT * FROM gochat_messages m WHERE m.conversation_id = c.id ORDER BY m.seq DESC LIMIT 1) AS l
            """);
        last.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = ids });
        var names = new NpgsqlBatchCommand("""
            SELECT c.id, l.body FROM unnest(@ids) AS c(id)
            CROSS JOIN LATERAL (SELECT body FROM gochat_messages m
                                WHERE m.conversation_id = c.id AND m.kind IN (10, 14)
                                ORDER BY m.seq DESC LIMIT 1) AS l
            """);
        names.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = ids });
        var unread = new NpgsqlBatchCommand("""
            SELECT c.id, count(m.seq) FROM unnest(@ids, @reads) AS c(id, read_seq)
            JOIN gochat_messages m ON m.conversation_id = c.id AND m.seq > c.read_seq
            WHERE m.kind = 0 AND m.sender_id <> @me AND NOT m.deleted
            GROUP BY c.id
            """);
        unread.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = ids });
        unread.Parameters.Add(new NpgsqlParameter("reads", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = reads });
        unread.Parameters.Add(new NpgsqlParameter("me", NpgsqlDbType.Uuid) { Value = userId });
        batch.BatchCommands.Add(last);
        batch.BatchCommands.Add(names);
        batch.BatchCommands.Add(unread);

        var lastById = new Dictionary<Guid, ChatMessage>();
        var nameById = new Dictionary<Guid, string?>();
        var unreadById = new Dictionary<Guid, long>();
        await using (var reader = await batch.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) { var m = Map(reader); lastById[m.ConversationId] = m; }
            await reader.NextResultAsync();
            while (await reader.ReadAsync()) nameById[reader.GetGuid(0)] = reader.IsDBNull(1) ? null : reader.GetString(1);
            await reader.NextResultAsync();
            while (await reader.ReadAsync()) unreadById[reader.GetGuid(0)] = reader.GetInt64(1);
        }
        foreach (var id in ids)
        {
            result[id] = new ConversationDigest(id, lastById.GetValueOrDefault(id), nameById.GetValueOrDefault(id), unreadById.GetValueOrDefault(id));
        }
        return result;
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

    private static ChatMessage Map(NpgsqlDataReader r) => new(
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
        Deleted: r.GetBoolean(11));
}
