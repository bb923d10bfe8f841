using GoChat.GrainInterfaces.Models;
using Npgsql;
using NpgsqlTypes;

namespace GoChat.Grains.SecretBackup;

/// <summary>The rows of gochat_secret_history: blobs only, written in one statement per batch.</summary>
public sealed class SecretHistoryStore(NpgsqlDataSource dataSource)
{
    /// <summary>How many of these chats the user has a list row for, that is, is in.</summary>
    public async Task<int> ChatsOf(Guid user, Guid[] conversationIds)
    {
        await using var cmd = dataSource.CreateCommand(
            "SELECT count(*) FROM gochat_cursors WHERE user_id = @u AND conversation_id = ANY(@c)");
        cmd.Parameters.AddWithValue("u", user);
        cmd.Parameters.AddWithValue("c", conversationIds);
        return (int)(long)(await cmd.ExecuteScalarAsync())!;
    }

    public async Task Save(Guid user, IReadOnlyList<SecretHistoryEntry> entries)
    {
        await using var cmd = dataSource.CreateCommand("""
            INSERT INTO gochat_secret_history (user_id, conversation_id, seq, blob)
            SELECT @u, e.c, e.s, e.b FROM unnest(@c, @s, @b) AS e(c, s, b)
            ON CONFLICT (user_id, conversation_id, seq) DO UPDATE SET blob = EXCLUDED.blob
            """);
        cmd.Parameters.AddWithValue("u", user);
        cmd.Parameters.AddWithValue("c", entries.Select(e => e.ConversationId).ToArray());
        cmd.Parameters.AddWithValue("s", entries.Select(e => e.Seq).ToArray());
        cmd.Parameters.Add(new NpgsqlParameter("b", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = entries.Select(e => e.Blob).ToArray() });
        await cmd.ExecuteNonQueryAsync();
    }

    public async Task<IReadOnlyList<SecretHistoryEntry>> Read(Guid user, Guid conversationId, long afterSeq, int limit)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT seq, blob FROM gochat_secret_history
            WHERE user_id = @u AND conversation_id = @c AND seq > @after ORDER BY seq LIMIT @limit
            """);
        cmd.Parameters.AddWithValue("u", user);
        cmd.Parameters.AddWithValue("c", conversationId);
        cmd.Parameters.AddWithValue("after", afterSeq);
        cmd.Parameters.AddWithValue("limit", limit);
        var entries = new List<SecretHistoryEntry>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) entries.Add(new SecretHistoryEntry(conversationId, reader.GetInt64(0), (byte[])reader[1]));
        return entries;
    }
}
