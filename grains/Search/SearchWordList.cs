using Npgsql;
using NpgsqlTypes;

namespace GoChat.Grains.Search;

/// <summary>
/// gochat_search_words, the words ever written, for search's misspelling lookup. The message log's batched writer adds
/// each batch's words with one more statement in the same round trip and transaction; after the first few thousand
/// messages almost every word is already there, so it costs a primary key probe per distinct word of the batch.
/// </summary>
public static class SearchWordList
{
    /// <summary>Longer runs of letters are not words anyone misspells (a pasted token, a URL): they stay out.</summary>
    public const int MaxWordLength = 40;

    /// <summary>Sorted, so that two silos adding the same new words take their locks in one order and cannot deadlock.</summary>
    public static readonly string InsertSql = $"""
        INSERT INTO gochat_search_words (word)
        SELECT DISTINCT w FROM unnest(@texts::text[]) AS t(body), regexp_split_to_table(lower(t.body), '[^[:alpha:]]+') AS w
        WHERE length(w) BETWEEN 3 AND {MaxWordLength} ORDER BY 1
        ON CONFLICT DO NOTHING
        """;

    public static NpgsqlBatchCommand InsertCommand(string?[] texts)
    {
        var command = new NpgsqlBatchCommand(InsertSql);
        command.Parameters.Add(new NpgsqlParameter("texts", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = texts });
        return command;
    }
}
