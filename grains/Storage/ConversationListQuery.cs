using Npgsql;
using NpgsqlTypes;

namespace GoChat.Grains.Storage;

/// <summary>
/// Reads of a user's conversation list that join gochat_cursors with the message log: each costs one index probe
/// per conversation for its last entry, and reads bodies, names and unread counts only for the page it returns.
/// </summary>
public sealed class ConversationListQuery(NpgsqlDataSource dataSource)
{
    /// <summary>Unread messages are counted up to this many; a client shows more than <c>Cap - 1</c> as "99+".</summary>
    public const int UnreadCap = Limits.UnreadCountCap;

    private static readonly string MessageColumns = string.Join(", ", PostgresMessageLog.Columns.Split(", ").Select(c => "m." + c));

    /// <summary>The last seq of every conversation of the user, in one query: what a reconnect compares with what the client holds.</summary>
    public async Task<IReadOnlyList<ConversationHead>> Heads(Guid userId)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT c.conversation_id, coalesce((SELECT max(m.seq) FROM gochat_messages m WHERE m.conversation_id = c.conversation_id), 0)
            FROM gochat_cursors c WHERE c.user_id = @u
            """);
        cmd.Parameters.AddWithValue("u", userId);
        await using var reader = await cmd.ExecuteReaderAsync();
        var heads = new List<ConversationHead>();
        while (await reader.ReadAsync()) heads.Add(new ConversationHead(reader.GetGuid(0), reader.GetInt64(1)));
        return heads;
    }

    /// <summary>
    /// The pinned chats (on the first page only, newest pin first), then up to <paramref name="limit"/> others, newest
    /// activity first (ties by id), strictly after
    /// <paramref name="after"/> in that order: keyset paging, so pages neither repeat nor skip a conversation
    /// whose activity did not change meanwhile. Returns the page and the key to continue from (null at the end).
    /// The last message is the newest entry other than an edit, a delete or a reaction, as it reads now (the log updates the
    /// target's row): the list shows what the chat shows, and a delete for everyone leaves no text to read there.
    /// </summary>
    public async Task<(IReadOnlyList<ConversationSummary> Page, PageKey? Next)> Page(Guid userId, PageKey? after, int limit)
    {
        var keyset = after is null ? "" : "AND (last_at, conversation_id) < (@after_at, @after_id)";
        await using var cmd = dataSource.CreateCommand($"""
            WITH mine AS (
                SELECT c.conversation_id, c.kind, c.peer_user_id, GREATEST(c.read_seq, c.joined_seq) AS read_from, c.read_seq, l.seq AS shown_seq, l.sent_at AS last_at,
                       c.muted_until, c.pinned_at, c.archived_seq
                FROM gochat_cursors c
                CROSS JOIN LATERAL (SELECT m.seq, m.sent_at FROM gochat_messages m
                                    WHERE m.conversation_id = c.conversation_id AND m.kind NOT IN (1, 2, 3, 4) ORDER BY m.seq DESC LIMIT 1) l
                WHERE c.user_id = @u
            ), page AS (
                (SELECT * FROM mine WHERE pinned_at IS NULL {keyset} ORDER BY last_at DESC, conversation_id DESC LIMIT @n)
                UNION ALL
                SELECT * FROM mine WHERE @first AND pinned_at IS NOT NULL
            )
            SELECT {MessageColumns}, p.kind, p.peer_user_id, p.read_seq, n.body,
                (SELECT count(*) FROM (SELECT 1 FROM gochat_messages u
                    WHERE u.conversation_id = p.conversation_id AND u.seq > p.read_from AND u.kind = 0 AND u.sender_id <> @u AND NOT u.deleted
                    LIMIT @cap) x),
                (SELECT max(h.seq) FROM gochat_messages h WHERE h.conversation_id = p.conversation_id),
                p.muted_until, p.pinned_at, p.archived_seq,
                coalesce((SELECT g.version FROM gochat_group_photos g WHERE g.conversation_id = p.conversation_id), 0)
            FROM page p
            JOIN gochat_messages m ON m.conversation_id = p.conversation_id AND m.seq = p.shown_seq
            LEFT JOIN LATERAL (SELECT k.body FROM gochat_messages k
                               WHERE k.conversation_id = p.conversation_id AND k.kind IN (10, 14) ORDER BY k.seq DESC LIMIT 1) n ON true
            ORDER BY p.pinned_at DESC NULLS LAST, p.last_at DESC, p.conversation_id DESC
            """);
        cmd.Parameters.AddWithValue("u", userId);
        cmd.Parameters.AddWithValue("n", limit + 1); // one more tells whether there is a next page
        cmd.Parameters.AddWithValue("cap", UnreadCap);
        cmd.Parameters.AddWithValue("first", after is null);
        if (after is not null)
        {
            cmd.Parameters.Add(new NpgsqlParameter("after_at", NpgsqlDbType.TimestampTz) { Value = after.LastActivity.UtcDateTime });
            cmd.Parameters.AddWithValue("after_id", after.ConversationId);
        }
        await using var reader = await cmd.ExecuteReaderAsync();
        var page = new List<ConversationSummary>();
        var unpinned = 0;
        var more = false;
        while (await reader.ReadAsync())
        {
            const int n = PostgresMessageLog.ColumnCount;
            var pinned = !reader.IsDBNull(n + 7);
            if (!pinned && unpinned == limit)
            {
                more = true;
                break;
            }
            var last = PostgresMessageLog.Map(reader);
            var preferences = ChatPreferenceStore.Read(reader, last.ConversationId, n + 6);
            page.Add(new ConversationSummary(last.ConversationId, (ConversationKind)reader.GetInt16(n), reader.IsDBNull(n + 3) ? null : reader.GetString(n + 3),
                reader.IsDBNull(n + 1) ? null : reader.GetGuid(n + 1), reader.GetInt64(n + 5), reader.GetInt64(n + 2), reader.GetInt64(n + 4), last,
                MutedUntil: preferences.MutedUntil, PinnedAt: preferences.PinnedAt, ArchivedSeq: preferences.ArchivedSeq,
                PhotoVersion: reader.GetInt64(n + 9)));
            if (!pinned) unpinned++;
        }
        // The key is the last unpinned chat's: pinned ones come on the first page only, above the rest.
        var next = more ? page.Where(c => c.PinnedAt is null).Select(c => new PageKey(c.LastMessage!.SentAt, c.ConversationId)).Last() : null;
        return (page, next);
    }
}

/// <summary>Where a page of the conversation list ends: the last conversation's activity and id.</summary>
public sealed record PageKey(DateTimeOffset LastActivity, Guid ConversationId)
{
    /// <summary>Opaque to clients: microseconds (PostgreSQL's precision, so the key compares exactly) and the id.</summary>
    public string Encode() => $"{(LastActivity.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10}.{ConversationId:N}";

    public static PageKey? Decode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor)) return null;
        var parts = cursor.Split('.');
        if (parts.Length != 2 || !long.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var micros)
            || micros > DateTimeOffset.MaxValue.UtcTicks / 10 - DateTimeOffset.UnixEpoch.UtcTicks / 10
            || !Guid.TryParseExact(parts[1], "N", out var id))
        {
            throw GoChatException.Invalid("The page cursor is not one this server gave.");
        }
        return new PageKey(DateTimeOffset.UnixEpoch.AddTicks(micros * 10), id);
    }
}
