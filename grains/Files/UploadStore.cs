using Npgsql;

namespace GoChat.Grains.Files;

/// <summary>gochat_uploads: each upload's owner, progress and outcome, read and written by its grain only.</summary>
public sealed class UploadStore(NpgsqlDataSource dataSource)
{
    private const string Columns =
        "upload_id, owner_id, scope_id, store, name, declared_type, length, received, writers, status, blob_id, refusal_code, refusal, created_at, expires_at, encrypted";

    public async Task Insert(UploadRow row)
    {
        await using var cmd = dataSource.CreateCommand($"""
            INSERT INTO gochat_uploads ({Columns}, updated_at)
            VALUES (@id, @owner, @scope, @store, @name, @type, @length, 0, 0, @status, NULL, NULL, NULL, @created, @expires, @encrypted, @created)
            """);
        cmd.Parameters.AddWithValue("id", row.UploadId);
        cmd.Parameters.AddWithValue("owner", row.OwnerId);
        cmd.Parameters.AddWithValue("scope", row.ScopeId);
        cmd.Parameters.AddWithValue("store", row.Store);
        cmd.Parameters.AddWithValue("name", row.Name);
        cmd.Parameters.AddWithValue("type", (object?)row.DeclaredType ?? DBNull.Value);
        cmd.Parameters.AddWithValue("length", row.Length);
        cmd.Parameters.AddWithValue("status", (short)row.Status);
        cmd.Parameters.AddWithValue("created", row.CreatedAt);
        cmd.Parameters.AddWithValue("expires", row.ExpiresAt);
        cmd.Parameters.AddWithValue("encrypted", row.Encrypted);
        await cmd.ExecuteNonQueryAsync();
    }

    public async Task<UploadRow?> Load(Guid uploadId)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM gochat_uploads WHERE upload_id = @id");
        cmd.Parameters.AddWithValue("id", uploadId);
        await using var r = await cmd.ExecuteReaderAsync();
        if (!await r.ReadAsync()) return null;
        return new UploadRow(r.GetGuid(0), r.GetGuid(1), r.GetGuid(2), r.GetString(3), r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5),
            r.GetInt64(6), r.GetInt64(7), r.GetInt32(8), (UploadStatus)r.GetInt16(9), r.IsDBNull(10) ? null : r.GetGuid(10),
            r.IsDBNull(11) ? null : r.GetString(11), r.IsDBNull(12) ? null : r.GetString(12),
            r.GetFieldValue<DateTimeOffset>(13), r.GetFieldValue<DateTimeOffset>(14), r.GetBoolean(15));
    }

    /// <summary>Records progress and status; the blob (if any) must exist, the foreign key sees to it.</summary>
    public async Task Update(UploadRow row, DateTimeOffset now)
    {
        await using var cmd = dataSource.CreateCommand("""
            UPDATE gochat_uploads SET received = @received, writers = @writers, status = @status, blob_id = @blob, refusal_code = @code, refusal = @refusal, updated_at = @now
            WHERE upload_id = @id
            """);
        cmd.Parameters.AddWithValue("id", row.UploadId);
        cmd.Parameters.AddWithValue("received", row.Received);
        cmd.Parameters.AddWithValue("writers", row.Writers);
        cmd.Parameters.AddWithValue("status", (short)row.Status);
        cmd.Parameters.AddWithValue("blob", (object?)row.BlobId ?? DBNull.Value);
        cmd.Parameters.AddWithValue("code", (object?)row.RefusalCode ?? DBNull.Value);
        cmd.Parameters.AddWithValue("refusal", (object?)row.Refusal ?? DBNull.Value);
        cmd.Parameters.AddWithValue("now", now);
        await cmd.ExecuteNonQueryAsync();
    }

    public async Task Delete(Guid uploadId)
    {
        await using var cmd = dataSource.CreateCommand("DELETE FROM gochat_uploads WHERE upload_id = @id");
        cmd.Parameters.AddWithValue("id", uploadId);
        await cmd.ExecuteNonQueryAsync();
    }
}
