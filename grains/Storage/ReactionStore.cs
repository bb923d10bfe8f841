using Npgsql;

namespace GoChat.Grains.Storage;

/// <summary>Reads one message's reaction entries from the log (kinds 3 and 4, by their partial index on target_seq).</summary>
public sealed class ReactionStore(NpgsqlDataSource dataSource)
{
    /// <summary>Who has which emoji on the message now, replaying its reaction entries in seq order.</summary>
    public async Task<Dictionary<Guid, List<string>>> Current(Guid conversationId, long targetSeq)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT sender_id, kind, body FROM gochat_messages
            WHERE conversation_id = @c AND target_seq = @t AND kind IN (3, 4) ORDER BY seq
            """);
        cmd.Parameters.AddWithValue("c", conversationId);
        cmd.Parameters.AddWithValue("t", targetSeq);
        await using var reader = await cmd.ExecuteReaderAsync();
        var byUser = new Dictionary<Guid, List<string>>();
        while (await reader.ReadAsync())
        {
            if (reader.IsDBNull(2)) continue; // a placeholder
            Apply(byUser, reader.GetGuid(0), (MessageKind)reader.GetInt16(1), reader.GetString(2));
        }
        return byUser;
    }

    public static void Apply(Dictionary<Guid, List<string>> byUser, Guid user, MessageKind kind, string emoji)
    {
        if (!byUser.TryGetValue(user, out var mine)) byUser[user] = mine = [];
        if (kind == MessageKind.ReactionAdded && !mine.Contains(emoji)) mine.Add(emoji);
        else if (kind == MessageKind.ReactionRemoved) mine.Remove(emoji);
    }
}
