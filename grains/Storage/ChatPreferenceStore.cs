using Npgsql;
using NpgsqlTypes;

namespace GoChat.Grains.Storage;

/// <summary>
/// Mute, pin and archive: three columns of the user's row in gochat_cursors, so the list query reads them with the
/// rest and a chat the user leaves takes them with it. None is indexed, so changing one stays a HOT update.
/// </summary>
public sealed class ChatPreferenceStore(NpgsqlDataSource dataSource)
{
    private const string Returning = "RETURNING conversation_id, muted_until, pinned_at, archived_seq";

    public async Task<ChatPreferences?> Mute(Guid userId, Guid conversationId, DateTimeOffset? until)
    {
        await using var cmd = Command($"UPDATE gochat_cursors SET muted_until = @m WHERE user_id = @u AND conversation_id = @c {Returning}", userId, conversationId);
        cmd.Parameters.Add(new NpgsqlParameter("m", NpgsqlDbType.TimestampTz) { Value = (object?)until?.UtcDateTime ?? DBNull.Value });
        return await Single(cmd);
    }

    /// <summary>Null when the user already has <see cref="Limits.MaxPinnedChats"/> other chats pinned (or no such row).</summary>
    public async Task<ChatPreferences?> Pin(Guid userId, Guid conversationId, bool pinned)
    {
        await using var cmd = Command(pinned
            ? $"""
              UPDATE gochat_cursors SET pinned_at = coalesce(pinned_at, now())
              WHERE user_id = @u AND conversation_id = @c
                AND (SELECT count(*) FROM gochat_cursors p WHERE p.user_id = @u AND p.pinned_at IS NOT NULL AND p.conversation_id <> @c) < {Limits.MaxPinnedChats}
              {Returning}
              """
            : $"UPDATE gochat_cursors SET pinned_at = NULL WHERE user_id = @u AND conversation_id = @c {Returning}", userId, conversationId);
        return await Single(cmd);
    }

    /// <summary>Archived at the chat's last entry as stored now: an entry after it brings the chat back (unless muted).</summary>
    public async Task<ChatPreferences?> Archive(Guid userId, Guid conversationId, bool archived)
    {
        await using var cmd = Command(archived
            ? $"""
              UPDATE gochat_cursors SET archived_seq = (SELECT coalesce(max(m.seq), 0) FROM gochat_messages m WHERE m.conversation_id = @c)
              WHERE user_id = @u AND conversation_id = @c {Returning}
              """
            : $"UPDATE gochat_cursors SET archived_seq = NULL WHERE user_id = @u AND conversation_id = @c {Returning}", userId, conversationId);
        return await Single(cmd);
    }

    private NpgsqlCommand Command(string sql, Guid userId, Guid conversationId)
    {
        var cmd = dataSource.CreateCommand(sql);
        cmd.Parameters.AddWithValue("u", userId);
        cmd.Parameters.AddWithValue("c", conversationId);
        return cmd;
    }

    private static async Task<ChatPreferences?> Single(NpgsqlCommand cmd)
    {
        await using var reader = await cmd.ExecuteReaderAsync();
        if (!await reader.ReadAsync()) return null;
        return Read(reader, reader.GetGuid(0), 1);
    }

    /// <summary>
    /// The three columns from <paramref name="first"/> on: muted_until, pinned_at, archived_seq. The list query reads
    /// them beside the rest of a conversation's summary.
    /// </summary>
    public static ChatPreferences Read(NpgsqlDataReader reader, Guid conversationId, int first) => new(
        conversationId,
        reader.IsDBNull(first) ? null : new DateTimeOffset(reader.GetDateTime(first), TimeSpan.Zero),
        reader.IsDBNull(first + 1) ? null : new DateTimeOffset(reader.GetDateTime(first + 1), TimeSpan.Zero),
        reader.IsDBNull(first + 2) ? null : reader.GetInt64(first + 2));
}
