using Npgsql;

namespace GoChat.Grains.Channels;

/// <summary>The reads behind a leak trace: an agency's marked broadcasts, and who a channel's broadcast can have reached.</summary>
public sealed class LeakStore(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<MarkedBroadcast>> MarkedBroadcasts(Guid agencyId)
    {
        // A forward copies the seal into a chat; the broadcast is its channel's entry, so only channel entries count here.
        await using var cmd = dataSource.CreateCommand("""
            SELECT (m.broadcast ->> 'broadcastId')::uuid, m.conversation_id, m.seq, m.broadcast ->> 'level', m.sent_at, ch.name
            FROM gochat_messages m JOIN gochat_channels ch ON ch.id = m.conversation_id
            WHERE m.broadcast IS NOT NULL AND (m.broadcast ->> 'agencyId')::uuid = @a AND (m.broadcast ->> 'marked')::boolean
            ORDER BY m.sent_at DESC
            """);
        cmd.Parameters.AddWithValue("a", agencyId);
        await using var reader = await cmd.ExecuteReaderAsync();
        var found = new List<MarkedBroadcast>();
        while (await reader.ReadAsync())
        {
            found.Add(new MarkedBroadcast(reader.GetGuid(0), reader.GetGuid(1), reader.GetInt64(2), reader.GetString(3),
                new DateTimeOffset(reader.GetDateTime(4), TimeSpan.Zero), reader.GetString(5)));
        }
        return found;
    }

    /// <summary>The channel's audience (staff of its agencies, or everyone) and anyone subscribed besides: each id once.</summary>
    public async Task<IReadOnlyList<Guid>> PossibleRecipients(Guid channelId)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT u.id FROM gochat_channels ch JOIN gochat_users u
              ON ch.audience = 2 OR u.agency_id = ch.agency_id OR (ch.audience = 1 AND u.agency_id = ANY (ch.audience_agencies))
            WHERE ch.id = @c
            UNION
            SELECT user_id FROM gochat_cursors WHERE conversation_id = @c
            """);
        cmd.Parameters.AddWithValue("c", channelId);
        await using var reader = await cmd.ExecuteReaderAsync();
        var ids = new List<Guid>();
        while (await reader.ReadAsync()) ids.Add(reader.GetGuid(0));
        return ids;
    }

    public async Task<Guid?> AgencyOf(Guid channelId)
    {
        await using var cmd = dataSource.CreateCommand("SELECT agency_id FROM gochat_channels WHERE id = @c");
        cmd.Parameters.AddWithValue("c", channelId);
        return await cmd.ExecuteScalarAsync() is Guid agency ? agency : null;
    }
}
