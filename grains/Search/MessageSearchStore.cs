using Npgsql;
using NpgsqlTypes;

namespace GoChat.Grains.Search;

/// <summary>One hit as the query returns it, before it becomes part of a page.</summary>
public sealed record SearchRow(Guid ConversationId, ConversationKind Kind, Guid? PeerUserId, long Seq, Guid SenderId,
    DateTimeOffset SentAt, DateTimeOffset? EditedAt, string Headline);

/// <summary>
/// The search as one SQL statement: the query's words become a tsquery (each word's Malay and English stems, and the
/// near spellings of a word never written, OR'ed; the words AND'ed), matched against the GIN index on search_tsv,
/// joined with the user's rows of gochat_cursors, which exist exactly while they are a member and carry the seq they
/// joined at: the same floor GetHistory uses.
/// </summary>
public sealed class MessageSearchStore(NpgsqlDataSource dataSource)
{
    private static readonly string Sql = $"""
        WITH terms AS (
            SELECT u.ord, u.w FROM unnest(@words::text[]) WITH ORDINALITY AS u(w, ord)
        ), alternatives AS (
            SELECT t.ord, t.w AS term FROM terms t
            UNION
            SELECT t.ord, s.word FROM terms t CROSS JOIN LATERAL (
                SELECT word FROM gochat_search_words
                WHERE length(t.w) >= {SearchLimits.MinTypoLength} AND word % t.w AND similarity(word, t.w) >= @similar
                ORDER BY similarity(word, t.w) DESC, word LIMIT 3) s
            WHERE NOT EXISTS (SELECT 1 FROM gochat_search_words k WHERE k.word = t.w)
        ), per_term AS (
            SELECT ord, gochat_tsquery_or(plainto_tsquery('indonesian', term) || plainto_tsquery('english', term)) AS q
            FROM alternatives GROUP BY ord
        ), query AS (
            SELECT gochat_tsquery_and(q) AS q FROM per_term
        ), hits AS (
            SELECT m.conversation_id, c.kind, c.peer_user_id, m.seq, m.sender_id, m.sent_at, m.edited_at, m.body,
                   ts_rank(m.search_tsv, query.q) AS rank
            FROM query, gochat_cursors c
            JOIN gochat_messages m ON m.conversation_id = c.conversation_id AND m.seq >= c.joined_seq
            WHERE c.user_id = @me AND (@conversation::uuid IS NULL OR c.conversation_id = @conversation)
              AND m.search_tsv IS NOT NULL AND m.search_tsv @@ query.q AND NOT m.deleted
        ), page AS (
            SELECT *, max(rank) OVER (PARTITION BY conversation_id) AS chat_rank FROM hits
            ORDER BY chat_rank DESC, conversation_id, rank DESC, seq DESC
            OFFSET @offset LIMIT @limit
        )
        SELECT page.conversation_id, page.kind, page.peer_user_id, page.seq, page.sender_id, page.sent_at, page.edited_at,
               ts_headline('english', ts_headline('indonesian', page.body, query.q, @marks), query.q, @marks)
        FROM page, query
        ORDER BY chat_rank DESC, conversation_id, rank DESC, seq DESC
        """;

    /// <summary>Marks every match (the snippet is cut in C#, around the first): a Malay pass, then an English one.</summary>
    private static readonly string Marks = $"HighlightAll=true, StartSel={Snippets.Start}, StopSel={Snippets.Stop}";

    /// <summary>pg_trgm's similarity for a near spelling: 'pekelilng' to 'pekeliling' is 0.62, 'awam' to 'awan' 0.43.</summary>
    public const double Similar = 0.5;

    public async Task<bool> IsMember(Guid user, Guid conversation)
    {
        await using var cmd = dataSource.CreateCommand("SELECT 1 FROM gochat_cursors WHERE user_id = @u AND conversation_id = @c");
        cmd.Parameters.AddWithValue("u", user);
        cmd.Parameters.AddWithValue("c", conversation);
        return await cmd.ExecuteScalarAsync() is not null;
    }

    public async Task<IReadOnlyList<SearchRow>> Search(Guid user, IReadOnlyList<string> words, Guid? conversation, int offset, int limit)
    {
        await using var cmd = dataSource.CreateCommand(Sql);
        cmd.Parameters.Add(new NpgsqlParameter("words", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = words.ToArray() });
        cmd.Parameters.AddWithValue("similar", Similar);
        cmd.Parameters.AddWithValue("me", user);
        cmd.Parameters.Add(new NpgsqlParameter("conversation", NpgsqlDbType.Uuid) { Value = (object?)conversation ?? DBNull.Value });
        cmd.Parameters.AddWithValue("offset", offset);
        cmd.Parameters.AddWithValue("limit", limit);
        cmd.Parameters.AddWithValue("marks", Marks);
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<SearchRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new SearchRow(reader.GetGuid(0), (ConversationKind)reader.GetInt16(1), reader.IsDBNull(2) ? null : reader.GetGuid(2),
                reader.GetInt64(3), reader.GetGuid(4), new DateTimeOffset(reader.GetDateTime(5), TimeSpan.Zero),
                reader.IsDBNull(6) ? null : new DateTimeOffset(reader.GetDateTime(6), TimeSpan.Zero), reader.GetString(7)));
        }
        return rows;
    }
}
