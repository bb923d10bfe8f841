using Npgsql;
using NpgsqlTypes;

namespace GoChat.Grains.Push;

/// <summary>A stored subscription, as the sender needs it.</summary>
public sealed record StoredPushSubscription(Guid Id, Guid UserId, string Endpoint, byte[] P256dh, byte[] Auth);

/// <summary>The rows of gochat_push_subscriptions.</summary>
public sealed class PushSubscriptionStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// The device's subscription, replacing its earlier one; an endpoint already stored (the same browser signed in as
    /// someone else) moves to this user and device, since a push service endpoint belongs to one browser profile.
    /// </summary>
    public async Task Save(Guid userId, Guid? deviceId, string endpoint, byte[] p256dh, byte[] auth)
    {
        await using var batch = dataSource.CreateBatch();
        if (deviceId is not null)
        {
            var clear = new NpgsqlBatchCommand("DELETE FROM gochat_push_subscriptions WHERE user_id = @u AND device_id = @d AND endpoint <> @e");
            clear.Parameters.AddWithValue("u", userId);
            clear.Parameters.AddWithValue("d", deviceId.Value);
            clear.Parameters.AddWithValue("e", endpoint);
            batch.BatchCommands.Add(clear);
        }
        var upsert = new NpgsqlBatchCommand("""
            INSERT INTO gochat_push_subscriptions (id, user_id, device_id, endpoint, p256dh, auth)
            VALUES (@id, @u, @d, @e, @p, @a)
            ON CONFLICT (endpoint) DO UPDATE SET user_id = EXCLUDED.user_id, device_id = EXCLUDED.device_id,
                p256dh = EXCLUDED.p256dh, auth = EXCLUDED.auth
            """);
        upsert.Parameters.AddWithValue("id", Guid.NewGuid());
        upsert.Parameters.AddWithValue("u", userId);
        upsert.Parameters.Add(new NpgsqlParameter("d", NpgsqlDbType.Uuid) { Value = (object?)deviceId ?? DBNull.Value });
        upsert.Parameters.AddWithValue("e", endpoint);
        upsert.Parameters.AddWithValue("p", p256dh);
        upsert.Parameters.AddWithValue("a", auth);
        batch.BatchCommands.Add(upsert);
        await batch.ExecuteNonQueryAsync();
    }

    public Task<int> DeleteEndpoint(Guid userId, string endpoint) =>
        Execute("DELETE FROM gochat_push_subscriptions WHERE user_id = @u AND endpoint = @e", ("u", userId), ("e", endpoint));

    public Task<int> DeleteDevice(Guid userId, Guid deviceId) =>
        Execute("DELETE FROM gochat_push_subscriptions WHERE user_id = @u AND device_id = @d", ("u", userId), ("d", deviceId));

    public Task<int> DeleteUser(Guid userId) => Execute("DELETE FROM gochat_push_subscriptions WHERE user_id = @u", ("u", userId));

    /// <summary>The push service said the subscription is gone (404/410).</summary>
    public Task<int> Delete(Guid id) => Execute("DELETE FROM gochat_push_subscriptions WHERE id = @id", ("id", id));

    public async Task<int> Count(Guid userId)
    {
        await using var cmd = dataSource.CreateCommand("SELECT count(*) FROM gochat_push_subscriptions WHERE user_id = @u");
        cmd.Parameters.AddWithValue("u", userId);
        return Convert.ToInt32(await cmd.ExecuteScalarAsync());
    }

    /// <summary>
    /// One query for a batch of new messages: the members of those conversations, other than each message's sender,
    /// who have a subscription, were not pushed to within the interval and have not muted that chat. Everyone else
    /// costs nothing.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> Candidates(IReadOnlyCollection<PushNotice> messages, TimeSpan interval)
    {
        // A reminder (unread_before > 0) goes to those who have not read that far, muted or not: it is an instruction.
        await using var cmd = dataSource.CreateCommand("""
            SELECT DISTINCT s.user_id
            FROM unnest(@c, @s, @r) AS m(conversation_id, sender_id, unread_before)
            JOIN gochat_cursors c ON c.conversation_id = m.conversation_id AND c.user_id <> m.sender_id
            JOIN gochat_push_subscriptions s ON s.user_id = c.user_id
            WHERE (s.last_push_at IS NULL OR s.last_push_at < now() - @i)
              AND CASE WHEN m.unread_before > 0 THEN c.read_seq < m.unread_before
                       ELSE c.muted_until IS NULL OR c.muted_until <= now() END
            """);
        cmd.Parameters.AddWithValue("c", messages.Select(m => m.ConversationId).ToArray());
        cmd.Parameters.AddWithValue("s", messages.Select(m => m.SenderId).ToArray());
        cmd.Parameters.AddWithValue("r", messages.Select(m => m.UnreadBefore).ToArray());
        cmd.Parameters.AddWithValue("i", interval);
        var users = new List<Guid>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) users.Add(reader.GetGuid(0));
        return users;
    }

    /// <summary>
    /// Takes the users' push slot and returns their subscriptions: a user pushed to within the interval (by this or
    /// another silo, since the last query) is skipped, so the cluster sends at most one push per user per interval.
    /// </summary>
    public async Task<IReadOnlyList<StoredPushSubscription>> Claim(IReadOnlyCollection<Guid> users, TimeSpan interval)
    {
        await using var cmd = dataSource.CreateCommand("""
            UPDATE gochat_push_subscriptions SET last_push_at = now()
            WHERE user_id = ANY(@u) AND (last_push_at IS NULL OR last_push_at < now() - @i)
            RETURNING id, user_id, endpoint, p256dh, auth
            """);
        cmd.Parameters.AddWithValue("u", users.ToArray());
        cmd.Parameters.AddWithValue("i", interval);
        var claimed = new List<StoredPushSubscription>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            claimed.Add(new StoredPushSubscription(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), (byte[])reader[3], (byte[])reader[4]));
        }
        return claimed;
    }

    private async Task<int> Execute(string sql, params (string Name, object Value)[] parameters)
    {
        await using var cmd = dataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        return await cmd.ExecuteNonQueryAsync();
    }
}
