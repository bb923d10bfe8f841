using Npgsql;
using NpgsqlTypes;

namespace GoChat.Grains.Channels;

/// <summary>
/// gochat_channels, and the channel rows of gochat_cursors that are its subscribers (kind 3). Enrolling a whole audience
/// is one INSERT ... SELECT over the user directory, never a call per user.
/// </summary>
public sealed class ChannelStore(NpgsqlDataSource dataSource)
{
    private const short ChannelKind = (short)ConversationKind.Channel;

    /// <summary>Who is in an audience, as SQL over gochat_users aliased u, for a channel aliased ch: staff only, never external users.</summary>
    private const string InAudience =
        "(NOT u.is_external AND (ch.audience = 2 OR u.agency_id = ch.agency_id OR (ch.audience = 1 AND u.agency_id = ANY (ch.audience_agencies))))";

    public async Task Insert(ChannelRow row)
    {
        await using var cmd = dataSource.CreateCommand("""
            INSERT INTO gochat_channels (id, agency_id, name, description, audience, audience_agencies, mandatory, created_by, created_at)
            VALUES (@id, @a, @n, @d, @au, @aa, @m, @by, @at)
            ON CONFLICT (id) DO NOTHING
            """);
        cmd.Parameters.AddWithValue("id", row.Id);
        cmd.Parameters.AddWithValue("a", row.AgencyId);
        cmd.Parameters.AddWithValue("n", row.Name);
        cmd.Parameters.Add(new NpgsqlParameter("d", NpgsqlDbType.Text) { Value = (object?)row.Description ?? DBNull.Value });
        cmd.Parameters.AddWithValue("au", (short)row.Audience);
        cmd.Parameters.AddWithValue("aa", row.Agencies.ToArray());
        cmd.Parameters.AddWithValue("m", row.Mandatory);
        cmd.Parameters.AddWithValue("by", row.CreatedBy);
        cmd.Parameters.Add(new NpgsqlParameter("at", NpgsqlDbType.TimestampTz) { Value = row.CreatedAt.UtcDateTime });
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>Every active account of the channel's audience subscribes, from <paramref name="joinedSeq"/>; returns how many rows were added.</summary>
    public async Task<int> EnrolAudience(Guid channelId, long joinedSeq)
    {
        await using var cmd = dataSource.CreateCommand($"""
            INSERT INTO gochat_cursors (user_id, conversation_id, kind, joined_seq, delivered_seq, read_seq)
            SELECT u.id, ch.id, {ChannelKind}, @j, @j, @j
            FROM gochat_channels ch JOIN gochat_users u ON {InAudience}
            WHERE ch.id = @c AND u.status = {(short)AccountStatus.Active}
            ON CONFLICT (user_id, conversation_id) DO NOTHING
            """);
        cmd.Parameters.AddWithValue("c", channelId);
        cmd.Parameters.AddWithValue("j", joinedSeq);
        cmd.CommandTimeout = 300; // a platform-wide channel enrols every account at once
        return await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>A new (or newly approved) account joins every mandatory channel of its audience, at each one's last entry.</summary>
    public async Task<IReadOnlyList<Guid>> EnrolInMandatory(Guid userId)
    {
        await using var cmd = dataSource.CreateCommand($"""
            INSERT INTO gochat_cursors (user_id, conversation_id, kind, joined_seq, delivered_seq, read_seq)
            SELECT u.id, ch.id, {ChannelKind}, h.seq, h.seq, h.seq
            FROM gochat_users u JOIN gochat_channels ch ON ch.mandatory AND {InAudience}
            CROSS JOIN LATERAL (SELECT coalesce(max(m.seq), 0) AS seq FROM gochat_messages m WHERE m.conversation_id = ch.id) h
            WHERE u.id = @u AND u.status = {(short)AccountStatus.Active}
            ON CONFLICT (user_id, conversation_id) DO NOTHING
            RETURNING conversation_id
            """);
        cmd.Parameters.AddWithValue("u", userId);
        await using var reader = await cmd.ExecuteReaderAsync();
        var joined = new List<Guid>();
        while (await reader.ReadAsync()) joined.Add(reader.GetGuid(0));
        return joined;
    }

    public async Task<bool> IsSubscribed(Guid channelId, Guid userId)
    {
        await using var cmd = dataSource.CreateCommand("SELECT 1 FROM gochat_cursors WHERE user_id = @u AND conversation_id = @c");
        cmd.Parameters.AddWithValue("u", userId);
        cmd.Parameters.AddWithValue("c", channelId);
        return await cmd.ExecuteScalarAsync() is not null;
    }

    /// <summary>Which of these users subscribe: a gateway asks for the users it holds, once per channel opened.</summary>
    public async Task<IReadOnlyList<Guid>> SubscribersAmong(Guid channelId, IReadOnlyList<Guid> users)
    {
        await using var cmd = dataSource.CreateCommand("SELECT user_id FROM gochat_cursors WHERE conversation_id = @c AND user_id = ANY(@u)");
        cmd.Parameters.AddWithValue("c", channelId);
        cmd.Parameters.AddWithValue("u", users.ToArray());
        await using var reader = await cmd.ExecuteReaderAsync();
        var found = new List<Guid>();
        while (await reader.ReadAsync()) found.Add(reader.GetGuid(0));
        return found;
    }

    public async Task<long> CountSubscribers(Guid channelId)
    {
        await using var cmd = dataSource.CreateCommand("SELECT count(*) FROM gochat_cursors WHERE conversation_id = @c");
        cmd.Parameters.AddWithValue("c", channelId);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>Subscribers, and how many of them have the entry delivered and read: one pass over the channel's cursor rows.</summary>
    public async Task<(long Subscribers, long Delivered, long Read)> Reach(Guid channelId, long seq)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT count(*), count(*) FILTER (WHERE delivered_seq >= @s OR read_seq >= @s), count(*) FILTER (WHERE read_seq >= @s)
            FROM gochat_cursors WHERE conversation_id = @c
            """);
        cmd.Parameters.AddWithValue("c", channelId);
        cmd.Parameters.AddWithValue("s", seq);
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    /// <summary>Subscribers who have not read up to the entry, oldest subscription first.</summary>
    public async Task<IReadOnlyList<Guid>> NotRead(Guid channelId, long seq, int limit)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT user_id FROM gochat_cursors WHERE conversation_id = @c AND read_seq < @s ORDER BY joined_seq, user_id LIMIT @n
            """);
        cmd.Parameters.AddWithValue("c", channelId);
        cmd.Parameters.AddWithValue("s", seq);
        cmd.Parameters.AddWithValue("n", limit);
        await using var reader = await cmd.ExecuteReaderAsync();
        var users = new List<Guid>();
        while (await reader.ReadAsync()) users.Add(reader.GetGuid(0));
        return users;
    }

    /// <summary>
    /// Channels whose audience includes the viewer's agency (every channel for everyone, an agency's own for its staff),
    /// by name; each with whether the viewer subscribes and its picture's version (0: none).
    /// </summary>
    public async Task<IReadOnlyList<(ChannelRow Row, bool Subscribed, long PhotoVersion)>> Search(Guid viewer, Guid? viewerAgency, string text, int limit)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT ch.id, ch.agency_id, ch.name, ch.description, ch.audience, ch.audience_agencies, ch.mandatory, ch.created_by, ch.created_at,
                   EXISTS (SELECT 1 FROM gochat_cursors c WHERE c.user_id = @v AND c.conversation_id = ch.id),
                   coalesce((SELECT p.version FROM gochat_group_photos p WHERE p.conversation_id = ch.id), 0)
            FROM gochat_channels ch
            WHERE (ch.audience = 2 OR ch.agency_id = @a OR (ch.audience = 1 AND @a = ANY (ch.audience_agencies)))
              AND (@q = '' OR strpos(lower(ch.name), @q) > 0 OR strpos(lower(coalesce(ch.description, '')), @q) > 0)
            ORDER BY ch.mandatory DESC, lower(ch.name), ch.id
            LIMIT @n
            """);
        cmd.Parameters.AddWithValue("v", viewer);
        cmd.Parameters.Add(new NpgsqlParameter("a", NpgsqlDbType.Uuid) { Value = (object?)viewerAgency ?? DBNull.Value });
        cmd.Parameters.AddWithValue("q", text.Trim().ToLowerInvariant());
        cmd.Parameters.AddWithValue("n", limit);
        await using var reader = await cmd.ExecuteReaderAsync();
        var found = new List<(ChannelRow, bool, long)>();
        while (await reader.ReadAsync())
        {
            found.Add((new ChannelRow(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                (ChannelAudience)reader.GetInt16(4), reader.GetFieldValue<Guid[]>(5), reader.GetBoolean(6), reader.GetGuid(7),
                new DateTimeOffset(reader.GetDateTime(8), TimeSpan.Zero)), reader.GetBoolean(9), reader.GetInt64(10)));
        }
        return found;
    }
}
