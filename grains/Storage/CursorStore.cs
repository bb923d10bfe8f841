using Npgsql;
using NpgsqlTypes;

namespace GoChat.Grains.Storage;

/// <summary>The rows of gochat_cursors: each user's conversation list and every member's delivered and read cursors.</summary>
public sealed class CursorStore(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<ListedConversation>> LoadList(Guid userId)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT conversation_id, kind, peer_user_id, joined_seq, delivered_seq, read_seq
            FROM gochat_cursors WHERE user_id = @u
            """);
        cmd.Parameters.AddWithValue("u", userId);
        await using var reader = await cmd.ExecuteReaderAsync();
        var list = new List<ListedConversation>();
        while (await reader.ReadAsync())
        {
            list.Add(new ListedConversation(reader.GetGuid(0), (ConversationKind)reader.GetInt16(1), reader.IsDBNull(2) ? null : reader.GetGuid(2),
                reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5)));
        }
        return list;
    }

    /// <summary>
    /// One row of the user's list: for a row written without this user's grain (a mandatory channel enrols its whole
    /// audience with one statement), which the grain learns of when the user first touches it.
    /// </summary>
    public async Task<ListedConversation?> LoadOne(Guid userId, Guid conversationId)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT conversation_id, kind, peer_user_id, joined_seq, delivered_seq, read_seq
            FROM gochat_cursors WHERE user_id = @u AND conversation_id = @c
            """);
        cmd.Parameters.AddWithValue("u", userId);
        cmd.Parameters.AddWithValue("c", conversationId);
        await using var reader = await cmd.ExecuteReaderAsync();
        if (!await reader.ReadAsync()) return null;
        return new ListedConversation(reader.GetGuid(0), (ConversationKind)reader.GetInt16(1), reader.IsDBNull(2) ? null : reader.GetGuid(2),
            reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5));
    }

    /// <summary>The user became a member (again): the row starts with both cursors at the joining entry.</summary>
    public async Task Joined(Guid userId, ListedConversation c, bool sharesRead)
    {
        await using var cmd = dataSource.CreateCommand("""
            INSERT INTO gochat_cursors (user_id, conversation_id, kind, peer_user_id, joined_seq, delivered_seq, read_seq, shares_read)
            VALUES (@u, @c, @k, @p, @j, @d, @r, @s)
            ON CONFLICT (user_id, conversation_id) DO UPDATE SET
                kind = EXCLUDED.kind, peer_user_id = EXCLUDED.peer_user_id, joined_seq = EXCLUDED.joined_seq,
                delivered_seq = GREATEST(gochat_cursors.delivered_seq, EXCLUDED.delivered_seq),
                read_seq = GREATEST(gochat_cursors.read_seq, EXCLUDED.read_seq), shares_read = EXCLUDED.shares_read
            """);
        cmd.Parameters.AddWithValue("u", userId);
        cmd.Parameters.AddWithValue("c", c.ConversationId);
        cmd.Parameters.AddWithValue("k", (short)c.Kind);
        cmd.Parameters.Add(new NpgsqlParameter("p", NpgsqlDbType.Uuid) { Value = (object?)c.PeerUserId ?? DBNull.Value });
        cmd.Parameters.AddWithValue("j", c.JoinedSeq);
        cmd.Parameters.AddWithValue("d", c.DeliveredSeq);
        cmd.Parameters.AddWithValue("r", c.ReadSeq);
        cmd.Parameters.AddWithValue("s", sharesRead);
        await cmd.ExecuteNonQueryAsync();
    }

    public async Task Left(Guid userId, Guid conversationId)
    {
        await using var cmd = dataSource.CreateCommand("DELETE FROM gochat_cursors WHERE user_id = @u AND conversation_id = @c");
        cmd.Parameters.AddWithValue("u", userId);
        cmd.Parameters.AddWithValue("c", conversationId);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>The read receipts setting, for every conversation of the user at once.</summary>
    public async Task SetSharesRead(Guid userId, bool sharesRead)
    {
        await using var cmd = dataSource.CreateCommand("UPDATE gochat_cursors SET shares_read = @s WHERE user_id = @u AND shares_read <> @s");
        cmd.Parameters.AddWithValue("u", userId);
        cmd.Parameters.AddWithValue("s", sharesRead);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Seeds the table from a conversation list kept in grain state by an earlier release; a row already here (the
    /// user joined since) keeps its membership and takes the greater cursors. Idempotent.
    /// </summary>
    public async Task Import(Guid userId, IReadOnlyList<ListedConversation> list, bool sharesRead)
    {
        if (list.Count == 0) return;
        await using var cmd = dataSource.CreateCommand("""
            INSERT INTO gochat_cursors (user_id, conversation_id, kind, peer_user_id, joined_seq, delivered_seq, read_seq, shares_read)
            SELECT @u, v.c, v.k, v.p, v.j, v.d, v.r, @s FROM unnest(@c, @k, @p, @j, @d, @r) AS v(c, k, p, j, d, r)
            ON CONFLICT (user_id, conversation_id) DO UPDATE SET
                delivered_seq = GREATEST(gochat_cursors.delivered_seq, EXCLUDED.delivered_seq),
                read_seq = GREATEST(gochat_cursors.read_seq, EXCLUDED.read_seq)
            """);
        cmd.Parameters.AddWithValue("u", userId);
        cmd.Parameters.AddWithValue("s", sharesRead);
        cmd.Parameters.Add(Array("c", NpgsqlDbType.Uuid, list.Select(c => c.ConversationId).ToArray()));
        cmd.Parameters.Add(Array("k", NpgsqlDbType.Smallint, list.Select(c => (short)c.Kind).ToArray()));
        cmd.Parameters.Add(Array("p", NpgsqlDbType.Uuid, list.Select(c => c.PeerUserId).ToArray()));
        cmd.Parameters.Add(Array("j", NpgsqlDbType.Bigint, list.Select(c => c.JoinedSeq).ToArray()));
        cmd.Parameters.Add(Array("d", NpgsqlDbType.Bigint, list.Select(c => Math.Max(c.DeliveredSeq, c.ReadSeq)).ToArray()));
        cmd.Parameters.Add(Array("r", NpgsqlDbType.Bigint, list.Select(c => c.ReadSeq).ToArray()));
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>Every member's cursors and read receipts setting, for a conversation activating: one query, however many members.</summary>
    public async Task<IReadOnlyDictionary<Guid, MemberCursors>> LoadMemberCursors(Guid conversationId)
    {
        await using var cmd = dataSource.CreateCommand(
            "SELECT user_id, delivered_seq, read_seq, shares_read FROM gochat_cursors WHERE conversation_id = @c");
        cmd.Parameters.AddWithValue("c", conversationId);
        await using var reader = await cmd.ExecuteReaderAsync();
        var cursors = new Dictionary<Guid, MemberCursors>();
        while (await reader.ReadAsync()) cursors[reader.GetGuid(0)] = new MemberCursors(reader.GetInt64(1), reader.GetInt64(2), reader.GetBoolean(3));
        return cursors;
    }

    /// <summary>
    /// One statement for a batch. Only updates: a row that is gone (the user left) stays gone. Each cursor takes the
    /// greater of what is stored and what came (never back), and no more than the conversation's last seq (a client
    /// claiming to have read the future does not hide the unread count of messages still to come).
    /// </summary>
    public async Task WriteCursors(IReadOnlyList<CursorChange> changes)
    {
        if (changes.Count == 0) return;
        await using var cmd = dataSource.CreateCommand("""
            UPDATE gochat_cursors c
            SET delivered_seq = GREATEST(c.delivered_seq, LEAST(v.dl, l.last_seq)),
                read_seq = GREATEST(c.read_seq, LEAST(v.rd, l.last_seq))
            FROM unnest(@u, @c, @d, @r) AS v(user_id, conversation_id, dl, rd)
            CROSS JOIN LATERAL (SELECT coalesce(max(m.seq), 0) AS last_seq FROM gochat_messages m WHERE m.conversation_id = v.conversation_id) l
            WHERE c.user_id = v.user_id AND c.conversation_id = v.conversation_id
              AND (LEAST(v.dl, l.last_seq) > c.delivered_seq OR LEAST(v.rd, l.last_seq) > c.read_seq)
            """);
        cmd.Parameters.Add(Array("u", NpgsqlDbType.Uuid, changes.Select(c => c.UserId).ToArray()));
        cmd.Parameters.Add(Array("c", NpgsqlDbType.Uuid, changes.Select(c => c.ConversationId).ToArray()));
        cmd.Parameters.Add(Array("d", NpgsqlDbType.Bigint, changes.Select(c => c.DeliveredSeq).ToArray()));
        cmd.Parameters.Add(Array("r", NpgsqlDbType.Bigint, changes.Select(c => c.ReadSeq).ToArray()));
        await cmd.ExecuteNonQueryAsync();
    }

    internal static NpgsqlParameter Array<T>(string name, NpgsqlDbType type, T[] values) =>
        new(name, NpgsqlDbType.Array | type) { Value = values };
}

/// <summary>A row of the user's list as stored: the conversation, how the user is in it, and their cursors.</summary>
public sealed record ListedConversation(Guid ConversationId, ConversationKind Kind, Guid? PeerUserId, long JoinedSeq, long DeliveredSeq, long ReadSeq);

public sealed record MemberCursors(long DeliveredSeq, long ReadSeq, bool SharesRead);

public sealed record CursorChange(Guid UserId, Guid ConversationId, long DeliveredSeq, long ReadSeq);
