using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace GoChat.Grains.Identity;

/// <summary>Appends to and verifies the hash-chained audit log.</summary>
public sealed class AuditStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const long ChainLock = 0x617564697400; // "audit"

    public async Task Append(string action, Guid? agencyId, Guid? actorId, Guid? subjectId, string details = "")
    {
        // Microsecond precision: what PostgreSQL stores is what the hash covers.
        var at = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using (var lockCmd = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({ChainLock})", connection, tx)) await lockCmd.ExecuteNonQueryAsync();
        byte[] prev;
        await using (var last = new NpgsqlCommand("SELECT hash FROM gochat_audit_log ORDER BY id DESC LIMIT 1", connection, tx))
        {
            prev = (byte[]?)await last.ExecuteScalarAsync() ?? new byte[32];
        }
        var hash = Hash(prev, at, agencyId, actorId, action, subjectId, details);
        await using var insert = new NpgsqlCommand("""
            INSERT INTO gochat_audit_log (at, agency_id, actor_id, action, subject_id, details, prev_hash, hash)
            VALUES (@at, @agency, @actor, @action, @subject, @details, @prev, @hash)
            """, connection, tx);
        insert.Parameters.AddWithValue("at", at);
        insert.Parameters.AddWithValue("agency", (object?)agencyId ?? DBNull.Value);
        insert.Parameters.AddWithValue("actor", (object?)actorId ?? DBNull.Value);
        insert.Parameters.AddWithValue("action", action);
        insert.Parameters.AddWithValue("subject", (object?)subjectId ?? DBNull.Value);
        insert.Parameters.AddWithValue("details", details);
        insert.Parameters.AddWithValue("prev", prev);
        insert.Parameters.AddWithValue("hash", hash);
        await insert.ExecuteNonQueryAsync();
        await tx.CommitAsync();
    }

    /// <summary>
    /// Newest first; an agency's admins see their agency's part only. Each row names its actor and subject as the
    /// directory has them; <paramref name="search"/> is a plain substring of the action, the details or those names and emails.
    /// </summary>
    public async Task<IReadOnlyList<AuditEntry>> Read(Guid? agencyId, long? beforeId, int limit, string? search = null)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT l.id, l.at, l.agency_id, l.actor_id, l.action, l.subject_id, l.details,
                   a.display_name, a.email, s.display_name, s.email
            FROM gochat_audit_log l
            LEFT JOIN gochat_users a ON a.id = l.actor_id
            LEFT JOIN gochat_users s ON s.id = l.subject_id
            WHERE (@agency IS NULL OR l.agency_id = @agency) AND (@before IS NULL OR l.id < @before)
              AND (@search IS NULL OR strpos(lower(l.action || ' ' || l.details || ' ' || coalesce(a.display_name, '') || ' ' || coalesce(a.email, '')
                   || ' ' || coalesce(s.display_name, '') || ' ' || coalesce(s.email, '')), @search) > 0)
            ORDER BY l.id DESC LIMIT @limit
            """);
        cmd.Parameters.Add(new NpgsqlParameter("agency", NpgsqlTypes.NpgsqlDbType.Uuid) { Value = (object?)agencyId ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("before", NpgsqlTypes.NpgsqlDbType.Bigint) { Value = (object?)beforeId ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("search", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)search?.ToLowerInvariant() ?? DBNull.Value });
        cmd.Parameters.AddWithValue("limit", Math.Clamp(limit, 1, Limits.MaxAdminPage));
        await using var reader = await cmd.ExecuteReaderAsync();
        var list = new List<AuditEntry>();
        while (await reader.ReadAsync())
        {
            list.Add(new AuditEntry(reader.GetInt64(0), new DateTimeOffset(reader.GetDateTime(1), TimeSpan.Zero),
                reader.IsDBNull(2) ? null : reader.GetGuid(2), reader.IsDBNull(3) ? null : reader.GetGuid(3),
                reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetGuid(5), reader.GetString(6),
                Person(reader, 7), Person(reader, 9)));
        }
        return list;
    }

    private static AuditPerson? Person(NpgsqlDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : new AuditPerson(reader.GetString(column), reader.IsDBNull(column + 1) ? null : reader.GetString(column + 1));

    /// <summary>
    /// Recomputes the whole chain from the first row. With <paramref name="agencyId"/>, rows are counted for that
    /// agency only and a broken row is named only if it is that agency's; <see cref="AuditVerification.Intact"/> is
    /// still the whole chain's, since a break anywhere voids the proof for every row after it.
    /// </summary>
    public async Task<AuditVerification> Verify(Guid? agencyId = null)
    {
        await using var cmd = dataSource.CreateCommand("SELECT id, at, agency_id, actor_id, action, subject_id, details, prev_hash, hash FROM gochat_audit_log ORDER BY id");
        await using var reader = await cmd.ExecuteReaderAsync();
        var expectedPrev = new byte[32];
        long rows = 0;
        while (await reader.ReadAsync())
        {
            var id = reader.GetInt64(0);
            var rowAgency = reader.IsDBNull(2) ? (Guid?)null : reader.GetGuid(2);
            var counted = agencyId is null || rowAgency == agencyId;
            if (counted) rows++;
            var prev = reader.GetFieldValue<byte[]>(7);
            var stored = reader.GetFieldValue<byte[]>(8);
            var recomputed = Hash(prev, new DateTimeOffset(reader.GetDateTime(1), TimeSpan.Zero),
                rowAgency, reader.IsDBNull(3) ? null : reader.GetGuid(3),
                reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetGuid(5), reader.GetString(6));
            if (!prev.AsSpan().SequenceEqual(expectedPrev) || !stored.AsSpan().SequenceEqual(recomputed)) return new AuditVerification(false, rows, counted ? id : null);
            expectedPrev = stored;
        }
        return new AuditVerification(true, rows, null);
    }

    private static byte[] Hash(byte[] prev, DateTimeOffset at, Guid? agencyId, Guid? actorId, string action, Guid? subjectId, string details)
    {
        // Unambiguous encoding: each field length-prefixed, so no two different rows hash the same bytes.
        var fields = new[] { at.UtcTicks.ToString(), agencyId?.ToString() ?? "", actorId?.ToString() ?? "", action, subjectId?.ToString() ?? "", details };
        using var buffer = new MemoryStream();
        buffer.Write(prev);
        foreach (var f in fields)
        {
            var bytes = Encoding.UTF8.GetBytes(f);
            buffer.Write(BitConverter.GetBytes(bytes.Length));
            buffer.Write(bytes);
        }
        return SHA256.HashData(buffer.ToArray());
    }
}
