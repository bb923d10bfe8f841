using Npgsql;
using NpgsqlTypes;

namespace GoChat.Grains.Search;

/// <summary>One hit as the query returns it, before it becomes part of a page.</summary>
public sealed record SearchRow(Guid ConversationId, ConversationKind Kind, Guid? PeerUserId, long Seq, Guid SenderId,
    DateTimeOffset SentAt, DateTimeOffset? EditedAt, string Headline, Guid? MarkedBroadcastId = null);

/// <summary>A page of a band's ranking; <paramref name="Band"/> is the band ranked, which a widening read chose.</summary>
public sealed record SearchRead(IReadOnlyList<SearchRow> Rows, int Found, SearchBand Band);

/// <summary>
/// A search band as one SQL statement: the query's words become a tsquery (each word's Malay and English stems, and
/// the near spellings of a word never written, OR'ed; the words AND'ed); the matches sent inside the band are joined
/// with the user's rows of gochat_cursors, which exist exactly while they are a member and carry the seq they joined
/// at (the same floor GetHistory uses); the newest of them are ranked. How the matches are found depends on the band
/// (<see cref="SearchBand.Scan"/>): a recent band reads its few heap pages through the BRIN index on sent_at, and a
/// search inside one chat that chat's rows through the primary key, and each tests each message's vector, since the GIN index would first build the bitmap of every message in every chat holding a
/// common word (a third of a million rows for "mesyuarat" in W9, ~75 ms before one row is read); an older band goes
/// through the GIN index, where a rare word costs little and a common one was already answered by the recent bands.
/// </summary>
public sealed class MessageSearchStore(NpgsqlDataSource dataSource)
{
    private static readonly string Query = $"""
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
        )
        """;

    // The vector test goes through coalesce so that the planner cannot use the GIN index, whose expression it is not.
    private const string ScannedSource = """
        , in_band AS MATERIALIZED (
            SELECT m.conversation_id, m.seq, m.sender_id, m.sent_at, m.edited_at, m.body, m.search_tsv, m.broadcast
            FROM gochat_messages m, query
            WHERE (@since::timestamptz IS NULL OR m.sent_at > @since) AND m.sent_at <= @until
              AND (@conversation::uuid IS NULL OR m.conversation_id = @conversation)
              AND coalesce(m.search_tsv, ''::tsvector) @@ query.q AND NOT m.deleted
        )
        """;

    // The chat test is a condition of the same GIN index (migration 0019), so the scan keeps only the searcher's chats'
    // postings; the join below still applies each one's joined_seq.
    private const string IndexedSource = """
        , in_band AS (
            SELECT m.conversation_id, m.seq, m.sender_id, m.sent_at, m.edited_at, m.body, m.search_tsv, m.broadcast
            FROM gochat_messages m, query
            WHERE m.search_tsv IS NOT NULL AND m.search_tsv @@ query.q
              AND ARRAY[m.conversation_id] && (SELECT array_agg(conversation_id) FROM gochat_cursors WHERE user_id = @me)
              AND (@since::timestamptz IS NULL OR m.sent_at > @since) AND m.sent_at <= @until AND NOT m.deleted
        )
        """;

    // The newest matches of the widest band asked for hold the newest of every narrower one with the same upper edge,
    // so one statement picks the narrowest band that holds @pool matches (or the widest) and ranks it: the GIN scan
    // costs the same whatever the band, and is paid once instead of once per edge.
    private const string Candidates = """
        , candidates AS (
            SELECT m.conversation_id, c.kind, c.peer_user_id, m.seq, m.sender_id, m.sent_at, m.edited_at, m.body, m.search_tsv, m.broadcast
            FROM in_band m JOIN gochat_cursors c ON c.conversation_id = m.conversation_id AND m.seq >= c.joined_seq
            WHERE c.user_id = @me AND (@conversation::uuid IS NULL OR c.conversation_id = @conversation)
            ORDER BY m.sent_at DESC, m.conversation_id, m.seq DESC
            LIMIT @depth
        ), choice AS (
            SELECT min(i) AS i FROM generate_subscripts(@sinces::timestamptz[], 1) AS i
            WHERE i = cardinality(@sinces::timestamptz[])
               OR (SELECT count(*) FROM candidates WHERE candidates.sent_at > (@sinces::timestamptz[])[i]) >= @pool
        ), banded AS (
            SELECT candidates.*, choice.i AS band FROM candidates, choice
            WHERE (@sinces::timestamptz[])[choice.i] IS NULL OR candidates.sent_at > (@sinces::timestamptz[])[choice.i]
        )
        """;

    private const string RankedPage = """
        , hits AS (
            SELECT banded.*, ts_rank(banded.search_tsv, query.q) AS rank, count(*) OVER () AS found
            FROM banded, query
        ), page AS (
            SELECT *, max(rank) OVER (PARTITION BY conversation_id) AS chat_rank FROM hits
            ORDER BY chat_rank DESC, conversation_id, rank DESC, seq DESC
            OFFSET @offset LIMIT @limit
        )
        SELECT page.conversation_id, page.kind, page.peer_user_id, page.seq, page.sender_id, page.sent_at, page.edited_at,
               ts_headline('english', ts_headline('indonesian', page.body, query.q, @marks), query.q, @marks), page.found, page.band,
               CASE WHEN (page.broadcast ->> 'marked')::boolean THEN (page.broadcast ->> 'broadcastId')::uuid END
        FROM page, query
        ORDER BY chat_rank DESC, conversation_id, rank DESC, seq DESC
        """;

    private static readonly string ScanSql = Query + ScannedSource + Candidates + RankedPage;
    private static readonly string IndexSql = Query + IndexedSource + Candidates + RankedPage;

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

    /// <summary>
    /// A page of the ranking of a band's newest <see cref="SearchLimits.RankedPerBand"/> matches, how many matches that
    /// ranking holds (at most that many; 0 when the page is empty), and the band ranked. With <paramref name="widen"/>
    /// an indexed band is widened inside the statement, edge by edge to the first message, to the first band holding
    /// <paramref name="pool"/> matches; a scanned band, whose cost grows with its width, is read as given.
    /// </summary>
    public async Task<SearchRead> Search(Guid user, IReadOnlyList<string> words, Guid? conversation,
        SearchBand band, bool widen, int pool, int offset, int limit)
    {
        var widest = widen && !band.Scan ? SearchBand.Last : band.Lower;
        var sinces = Enumerable.Range(band.Lower, widest - band.Lower + 1).Select(lower => (band with { Lower = lower }).Since?.UtcDateTime).ToArray();
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var search = new NpgsqlBatchCommand(band.Scan ? ScanSql : IndexSql);
        search.Parameters.Add(new NpgsqlParameter("words", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = words.ToArray() });
        search.Parameters.AddWithValue("similar", Similar);
        search.Parameters.AddWithValue("me", user);
        search.Parameters.Add(new NpgsqlParameter("conversation", NpgsqlDbType.Uuid) { Value = (object?)conversation ?? DBNull.Value });
        search.Parameters.Add(new NpgsqlParameter("since", NpgsqlDbType.TimestampTz) { Value = (object?)sinces[^1] ?? DBNull.Value });
        search.Parameters.Add(new NpgsqlParameter("sinces", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = sinces });
        search.Parameters.AddWithValue("until", band.Until.UtcDateTime);
        search.Parameters.AddWithValue("pool", (long)pool);
        search.Parameters.AddWithValue("depth", SearchLimits.RankedPerBand);
        search.Parameters.AddWithValue("offset", offset);
        search.Parameters.AddWithValue("limit", limit);
        search.Parameters.AddWithValue("marks", Marks);
        // The silo auto-prepares what it runs often, and after five runs PostgreSQL may keep one generic plan for a
        // prepared statement. The right plan here depends on the window (a bitmap over the sent_at BRIN for an hour,
        // none for all time), so this statement is planned with its values every time.
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands = { new NpgsqlBatchCommand("SET LOCAL plan_cache_mode = force_custom_plan"), search },
        };
        var rows = new List<SearchRow>();
        var found = 0;
        var lower = widest;
        await using (var reader = await batch.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                found = (int)reader.GetInt64(8);
                lower = band.Lower + reader.GetInt32(9) - 1;
                rows.Add(new SearchRow(reader.GetGuid(0), (ConversationKind)reader.GetInt16(1), reader.IsDBNull(2) ? null : reader.GetGuid(2),
                    reader.GetInt64(3), reader.GetGuid(4), new DateTimeOffset(reader.GetDateTime(5), TimeSpan.Zero),
                    reader.IsDBNull(6) ? null : new DateTimeOffset(reader.GetDateTime(6), TimeSpan.Zero), reader.GetString(7),
                    reader.IsDBNull(10) ? null : reader.GetGuid(10)));
            }
        }
        await transaction.CommitAsync();
        return new SearchRead(rows, found, band with { Lower = lower });
    }
}
