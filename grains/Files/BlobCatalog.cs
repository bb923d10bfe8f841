using GoChat.Files.Scanning;
using Npgsql;

namespace GoChat.Grains.Files;

/// <summary>gochat_blobs: each distinct content once per agency, found by its SHA-256.</summary>
public sealed class BlobCatalog(NpgsqlDataSource dataSource)
{
    private const string Columns = """
        blob_id, scope_id, sha256, store, length, content_type, kind, scan, scan_detail, width, height,
        preview_id, preview_length, preview_type, thumb_id, thumb_length, thumb_type, placeholder, encrypted
        """;

    public async Task<BlobRow?> Load(Guid blobId)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM gochat_blobs WHERE blob_id = @id");
        cmd.Parameters.AddWithValue("id", blobId);
        return await ReadOne(cmd);
    }

    /// <summary>The content the scope already stores with these bytes, if it was cleared.</summary>
    public async Task<BlobRow?> FindCleared(Guid scopeId, byte[] sha256)
    {
        // Never a secret chat's ciphertext: it was not scanned, and identical plaintext must be.
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM gochat_blobs WHERE scope_id = @scope AND sha256 = @sha AND NOT encrypted");
        cmd.Parameters.AddWithValue("scope", scopeId);
        cmd.Parameters.AddWithValue("sha", sha256);
        var row = await ReadOne(cmd);
        return row is { Scan: ScanOutcome.Clean or ScanOutcome.NotScanned } ? row : null;
    }

    /// <summary>
    /// Stores the blob and points the upload at it, in one transaction. When the scope meanwhile stored the same bytes
    /// (two uploads of one file finishing together), the upload is pointed at that copy instead, which is returned.
    /// </summary>
    public async Task<BlobRow> InsertFor(Guid uploadId, BlobRow blob, DateTimeOffset now)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand($"""
            INSERT INTO gochat_blobs ({Columns}, created_at)
            VALUES (@id, @scope, @sha, @store, @length, @type, @kind, @scan, @detail, @w, @h, @pid, @plen, @ptype, @tid, @tlen, @ttype, @ph, @enc, @now)
            ON CONFLICT (scope_id, sha256, encrypted) DO NOTHING
            """, connection, tx))
        {
            insert.Parameters.AddWithValue("id", blob.BlobId);
            insert.Parameters.AddWithValue("scope", blob.ScopeId);
            insert.Parameters.AddWithValue("sha", blob.Sha256);
            insert.Parameters.AddWithValue("store", blob.Store);
            insert.Parameters.AddWithValue("length", blob.Length);
            insert.Parameters.AddWithValue("type", blob.ContentType);
            insert.Parameters.AddWithValue("kind", (short)blob.Kind);
            insert.Parameters.AddWithValue("scan", (short)blob.Scan);
            insert.Parameters.AddWithValue("detail", (object?)blob.ScanDetail ?? DBNull.Value);
            insert.Parameters.AddWithValue("w", (object?)blob.Width ?? DBNull.Value);
            insert.Parameters.AddWithValue("h", (object?)blob.Height ?? DBNull.Value);
            insert.Parameters.AddWithValue("pid", (object?)blob.Preview?.FileId ?? DBNull.Value);
            insert.Parameters.AddWithValue("plen", (object?)blob.Preview?.Length ?? DBNull.Value);
            insert.Parameters.AddWithValue("ptype", (object?)blob.Preview?.ContentType ?? DBNull.Value);
            insert.Parameters.AddWithValue("tid", (object?)blob.Thumbnail?.FileId ?? DBNull.Value);
            insert.Parameters.AddWithValue("tlen", (object?)blob.Thumbnail?.Length ?? DBNull.Value);
            insert.Parameters.AddWithValue("ttype", (object?)blob.Thumbnail?.ContentType ?? DBNull.Value);
            insert.Parameters.AddWithValue("ph", (object?)blob.Placeholder ?? DBNull.Value);
            insert.Parameters.AddWithValue("enc", blob.Encrypted);
            insert.Parameters.AddWithValue("now", now);
            await insert.ExecuteNonQueryAsync();
        }
        BlobRow stored;
        // FOR SHARE: the sweeper cannot free the copy between this read and the upload naming it.
        await using (var select = new NpgsqlCommand($"SELECT {Columns} FROM gochat_blobs WHERE scope_id = @scope AND sha256 = @sha AND encrypted = @enc FOR SHARE", connection, tx))
        {
            select.Parameters.AddWithValue("scope", blob.ScopeId);
            select.Parameters.AddWithValue("sha", blob.Sha256);
            select.Parameters.AddWithValue("enc", blob.Encrypted);
            stored = await ReadOne(select) ?? throw new InvalidOperationException("The blob just stored is gone.");
        }
        await using (var point = new NpgsqlCommand("UPDATE gochat_uploads SET blob_id = @blob, status = @status, updated_at = @now WHERE upload_id = @id", connection, tx))
        {
            point.Parameters.AddWithValue("id", uploadId);
            point.Parameters.AddWithValue("blob", stored.BlobId);
            point.Parameters.AddWithValue("status", (short)UploadStatus.Ready);
            point.Parameters.AddWithValue("now", now);
            await point.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
        return stored;
    }

    private static async Task<BlobRow?> ReadOne(NpgsqlCommand cmd)
    {
        await using var r = await cmd.ExecuteReaderAsync();
        if (!await r.ReadAsync()) return null;
        return new BlobRow(r.GetGuid(0), r.GetGuid(1), r.GetFieldValue<byte[]>(2), r.GetString(3), r.GetInt64(4), r.GetString(5),
            (AttachmentKind)r.GetInt16(6), (ScanOutcome)r.GetInt16(7), r.IsDBNull(8) ? null : r.GetString(8),
            r.IsDBNull(9) ? null : r.GetInt32(9), r.IsDBNull(10) ? null : r.GetInt32(10),
            Picture(r, 11), Picture(r, 14), r.IsDBNull(17) ? null : r.GetFieldValue<byte[]>(17), r.GetBoolean(18));
    }

    private static StoredPicture? Picture(NpgsqlDataReader r, int at) =>
        r.IsDBNull(at) ? null : new StoredPicture(r.GetGuid(at), r.GetInt64(at + 1), r.GetString(at + 2));
}
