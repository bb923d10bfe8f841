using Npgsql;
using NpgsqlTypes;

namespace GoChat.Files.Storage;

/// <summary>
/// Chunks as rows of gochat_file_chunks, in the agency's own database: one backup holds messages and files alike.
/// Reads stream from the server (sequential access), so neither side holds a chunk twice.
/// </summary>
public sealed class PostgresFileStore(NpgsqlDataSource dataSource) : IFileStore
{
    public const string StoreName = "postgres";

    public string Name => StoreName;

    public async Task WriteChunk(Guid fileId, long offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand("""
            INSERT INTO gochat_file_chunks (file_id, "offset", data) VALUES (@f, @o, @d)
            ON CONFLICT (file_id, "offset") DO UPDATE SET data = excluded.data
            """);
        cmd.Parameters.AddWithValue("f", fileId);
        cmd.Parameters.AddWithValue("o", offset);
        cmd.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>>("d", NpgsqlDbType.Bytea) { TypedValue = data });
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<StoredChunk>> ListChunks(Guid fileId, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT "offset", octet_length(data) FROM gochat_file_chunks WHERE file_id = @f ORDER BY "offset"
            """);
        cmd.Parameters.AddWithValue("f", fileId);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var chunks = new List<StoredChunk>();
        while (await reader.ReadAsync(cancellationToken)) chunks.Add(new StoredChunk(reader.GetInt64(0), reader.GetInt32(1)));
        return chunks;
    }

    public async Task CopyChunk(Guid fileId, StoredChunk chunk, int skip, int count, Stream destination, CancellationToken cancellationToken)
    {
        // substring on an EXTERNAL bytea reads only the TOAST pages the range covers.
        await using var cmd = dataSource.CreateCommand("""
            SELECT substring(data FROM @from FOR @count) FROM gochat_file_chunks WHERE file_id = @f AND "offset" = @o
            """);
        cmd.Parameters.AddWithValue("f", fileId);
        cmd.Parameters.AddWithValue("o", chunk.Offset);
        cmd.Parameters.AddWithValue("from", skip + 1);
        cmd.Parameters.AddWithValue("count", count);
        await using var reader = await cmd.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) throw new InvalidDataException($"Chunk {chunk.Offset} of file {fileId} is gone.");
        await using var bytes = await reader.GetStreamAsync(0, cancellationToken);
        // substring stops at the chunk's end: a range past it must fail, as in every store, never read short.
        if (bytes.Length != count) throw new InvalidDataException($"Chunk {chunk.Offset} of file {fileId} holds {bytes.Length} bytes from {skip}, not {count}.");
        await bytes.CopyToAsync(destination, cancellationToken);
    }

    public async Task MoveChunk(Guid fromFileId, long offset, Guid toFileId, CancellationToken cancellationToken)
    {
        // An update that leaves the bytes alone keeps their TOAST pointer: nothing is copied, however large the chunk.
        // One batch, one implicit transaction: a chunk already at the target offset (a move whose answer was lost) goes.
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        var replace = new NpgsqlBatchCommand("""
            DELETE FROM gochat_file_chunks WHERE file_id = @to AND "offset" = @o
              AND EXISTS (SELECT 1 FROM gochat_file_chunks WHERE file_id = @from AND "offset" = @o)
            """);
        var move = new NpgsqlBatchCommand("""UPDATE gochat_file_chunks SET file_id = @to WHERE file_id = @from AND "offset" = @o""");
        foreach (var cmd in new[] { replace, move })
        {
            cmd.Parameters.AddWithValue("from", fromFileId);
            cmd.Parameters.AddWithValue("to", toFileId);
            cmd.Parameters.AddWithValue("o", offset);
            batch.BatchCommands.Add(cmd);
        }
        await batch.ExecuteNonQueryAsync(cancellationToken);
        if (batch.BatchCommands[1].RecordsAffected != 1) throw new InvalidDataException($"No chunk at {offset} of file {fromFileId} to move.");
    }

    public async Task DeleteFile(Guid fileId, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand("DELETE FROM gochat_file_chunks WHERE file_id = @f");
        cmd.Parameters.AddWithValue("f", fileId);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }
}
