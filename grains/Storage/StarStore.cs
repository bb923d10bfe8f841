using Npgsql;

namespace GoChat.Grains.Storage;

/// <summary>The rows of gochat_stars, read together with the messages they mark.</summary>
public sealed class StarStore(NpgsqlDataSource dataSource)
{
    private static readonly string MessageColumns = string.Join(", ", PostgresMessageLog.Columns.Split(", ").Select(c => "m." + c));

    /// <summary>False when the user already has <paramref name="max"/> stars; a star that is there stays as it is.</summary>
    public async Task<bool> Add(Guid user, Guid conversationId, long seq, DateTimeOffset at, int max)
    {
        // One statement: the count and the insert cannot be split by another star of the same user's grain.
        await using var cmd = dataSource.CreateCommand("""
            WITH existing AS (SELECT 1 FROM gochat_stars WHERE user_id = @u AND conversation_id = @c AND seq = @s),
                 inserted AS (
                     INSERT INTO gochat_stars (user_id, conversation_id, seq, starred_at)
                     SELECT @u, @c, @s, @at WHERE NOT EXISTS (SELECT 1 FROM existing)
                         AND (SELECT count(*) FROM gochat_stars WHERE user_id = @u) < @max
                     ON CONFLICT DO NOTHING RETURNING 1)
            SELECT EXISTS (SELECT 1 FROM existing) OR EXISTS (SELECT 1 FROM inserted)
            """);
        cmd.Parameters.AddWithValue("u", user);
        cmd.Parameters.AddWithValue("c", conversationId);
        cmd.Parameters.AddWithValue("s", seq);
        cmd.Parameters.AddWithValue("at", at);
        cmd.Parameters.AddWithValue("max", (long)max);
        return (bool)(await cmd.ExecuteScalarAsync())!;
    }

    public async Task Remove(Guid user, Guid conversationId, long seq)
    {
        await using var cmd = dataSource.CreateCommand("DELETE FROM gochat_stars WHERE user_id = @u AND conversation_id = @c AND seq = @s");
        cmd.Parameters.AddWithValue("u", user);
        cmd.Parameters.AddWithValue("c", conversationId);
        cmd.Parameters.AddWithValue("s", seq);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Newest first, as the messages read now; only in conversations the user is still in (their gochat_cursors row)
    /// and from when they joined, and never a message deleted since.
    /// </summary>
    public async Task<IReadOnlyList<StarredMessage>> List(Guid user, int limit)
    {
        await using var cmd = dataSource.CreateCommand($"""
            SELECT {MessageColumns}, s.starred_at
            FROM gochat_stars s
            JOIN gochat_cursors c ON c.user_id = s.user_id AND c.conversation_id = s.conversation_id AND s.seq >= c.joined_seq
            JOIN gochat_messages m ON m.conversation_id = s.conversation_id AND m.seq = s.seq AND NOT m.deleted
            WHERE s.user_id = @u
            ORDER BY s.starred_at DESC, s.conversation_id, s.seq
            LIMIT @n
            """);
        cmd.Parameters.AddWithValue("u", user);
        cmd.Parameters.AddWithValue("n", limit);
        await using var reader = await cmd.ExecuteReaderAsync();
        var list = new List<StarredMessage>();
        while (await reader.ReadAsync())
        {
            list.Add(new StarredMessage(PostgresMessageLog.Map(reader), new DateTimeOffset(reader.GetDateTime(PostgresMessageLog.ColumnCount), TimeSpan.Zero)));
        }
        return list;
    }
}
