using Npgsql;

namespace GoChat.Grains.Agencies;

/// <summary>
/// Agencies' email domains and domain requests in PostgreSQL (gochat_agency_domains). Requests are placed under one
/// advisory lock, so the rules DomainPolicy checks against what is stored cannot be raced past by another request.
/// </summary>
public sealed class DomainStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const long DomainLock = 0x646f6d61696e; // "domain"

    private const string Select = """
        SELECT d.domain, d.agency_id, a.name, d.status, d.consent_agency_id, c.name, d.approved_at IS NOT NULL, d.requested_by, d.requested_at
        FROM gochat_agency_domains d JOIN gochat_agencies a ON a.id = d.agency_id LEFT JOIN gochat_agencies c ON c.id = d.consent_agency_id
        """;

    /// <summary>
    /// Stores requests of <paramref name="agencyId"/> for <paramref name="domains"/> (normalized), creating the agency
    /// first when <paramref name="newAgency"/> is given, all in one transaction: <paramref name="place"/> sees the stored
    /// domains related to each one and decides, or throws, and then nothing at all is stored.
    /// </summary>
    public async Task<IReadOnlyList<AgencyDomain>> Place(AgencyInfo? newAgency, Guid agencyId, Guid actor, IReadOnlyList<string> domains,
        Func<string, IReadOnlyList<AgencyDomain>, DomainPlacement> place)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using (var lockCmd = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({DomainLock})", connection, tx)) await lockCmd.ExecuteNonQueryAsync();
        if (newAgency is not null)
        {
            await using var insert = new NpgsqlCommand("INSERT INTO gochat_agencies (id, name, category, created_at) VALUES (@id, @name, @category, @at)", connection, tx);
            insert.Parameters.AddWithValue("id", newAgency.Id);
            insert.Parameters.AddWithValue("name", newAgency.Name);
            insert.Parameters.AddWithValue("category", (short)newAgency.Category);
            insert.Parameters.AddWithValue("at", newAgency.CreatedAt);
            await insert.ExecuteNonQueryAsync();
        }
        var placed = new List<AgencyDomain>();
        foreach (var domain in domains)
        {
            var decision = place(domain, await Related(connection, tx, domain));
            var now = time.GetUtcNow();
            await using var insert = new NpgsqlCommand("""
                INSERT INTO gochat_agency_domains (domain, agency_id, status, consent_agency_id, approved_by, approved_at, requested_by, requested_at)
                VALUES (@d, @a, @status, @consent, @approver, @approvedAt, @actor, @at)
                """, connection, tx);
            insert.Parameters.AddWithValue("d", domain);
            insert.Parameters.AddWithValue("a", agencyId);
            insert.Parameters.AddWithValue("status", (short)decision.Status);
            insert.Parameters.Add(new NpgsqlParameter("consent", NpgsqlTypes.NpgsqlDbType.Uuid) { Value = (object?)decision.ConsentAgencyId ?? DBNull.Value });
            insert.Parameters.Add(new NpgsqlParameter("approver", NpgsqlTypes.NpgsqlDbType.Uuid) { Value = decision.Approved ? actor : DBNull.Value });
            insert.Parameters.Add(new NpgsqlParameter("approvedAt", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = decision.Approved ? now : DBNull.Value });
            insert.Parameters.AddWithValue("actor", actor);
            insert.Parameters.AddWithValue("at", now);
            try
            {
                await insert.ExecuteNonQueryAsync();
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                // Only possible for a name given twice in one call: the lock keeps everyone else out.
                throw new GoChatException(ErrorCodes.Conflict, $"'{domain}' already belongs to or is requested by an agency.");
            }
            placed.Add((await Read(connection, tx, "WHERE d.domain = @d", ("d", domain)))[0]);
        }
        await tx.CommitAsync();
        return placed;
    }

    public async Task<AgencyDomain?> Find(string domain)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return (await Read(connection, null, "WHERE d.domain = @d", ("d", domain))).SingleOrDefault();
    }

    /// <summary>Pending requests, oldest first: all of them, or those of an agency and those awaiting its consent.</summary>
    public async Task<IReadOnlyList<AgencyDomain>> Pending(Guid? agencyId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return agencyId is { } a
            ? await Read(connection, null, "WHERE d.status <> 3 AND (d.agency_id = @a OR (d.consent_agency_id = @a AND d.status = 1)) ORDER BY d.requested_at, d.domain", ("a", a))
            : await Read(connection, null, "WHERE d.status <> 3 ORDER BY d.requested_at, d.domain");
    }

    /// <summary>Records the consent; the request becomes active if a platform admin approved it already. Null if it was not awaiting this consent.</summary>
    public async Task<AgencyDomain?> Consent(string domain, Guid agencyId, Guid consentAgencyId, Guid actor) =>
        await Update("""
            UPDATE gochat_agency_domains SET consented_by = @actor, consented_at = @at,
                status = CASE WHEN approved_at IS NULL THEN 2 ELSE 3 END
            WHERE domain = @d AND agency_id = @a AND consent_agency_id = @c AND status = 1
            """, domain, ("a", agencyId), ("c", consentAgencyId), ("actor", actor));

    /// <summary>Null if it was not awaiting approval.</summary>
    public async Task<AgencyDomain?> Approve(string domain, Guid agencyId, Guid actor) =>
        await Update("""
            UPDATE gochat_agency_domains SET approved_by = @actor, approved_at = @at, status = 3
            WHERE domain = @d AND agency_id = @a AND status = 2
            """, domain, ("a", agencyId), ("actor", actor));

    /// <summary>Deletes the agency's row if it still has <paramref name="status"/>; false if it had not.</summary>
    public async Task<bool> Remove(string domain, Guid agencyId, DomainStatus status)
    {
        await using var cmd = dataSource.CreateCommand("DELETE FROM gochat_agency_domains WHERE domain = @d AND agency_id = @a AND status = @s");
        cmd.Parameters.AddWithValue("d", domain);
        cmd.Parameters.AddWithValue("a", agencyId);
        cmd.Parameters.AddWithValue("s", (short)status);
        return await cmd.ExecuteNonQueryAsync() == 1;
    }

    private async Task<AgencyDomain?> Update(string sql, string domain, params (string Name, object Value)[] parameters)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var cmd = new NpgsqlCommand(sql, connection))
        {
            cmd.Parameters.AddWithValue("d", domain);
            cmd.Parameters.AddWithValue("at", time.GetUtcNow());
            foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
            if (await cmd.ExecuteNonQueryAsync() == 0) return null;
        }
        return (await Read(connection, null, "WHERE d.domain = @d", ("d", domain))).SingleOrDefault();
    }

    /// <summary>The stored domains equal to <paramref name="domain"/>, above it (its suffixes) or below it.</summary>
    private static Task<IReadOnlyList<AgencyDomain>> Related(NpgsqlConnection connection, NpgsqlTransaction tx, string domain)
    {
        var labels = domain.Split('.');
        var suffixes = Enumerable.Range(0, labels.Length).Select(i => string.Join('.', labels[i..])).ToArray();
        // right() rather than LIKE: no pattern characters to escape, and a domain name holds none anyway.
        return Read(connection, tx, "WHERE d.domain = ANY(@suffixes) OR right(d.domain, @len) = @dotted",
            ("suffixes", suffixes), ("len", domain.Length + 1), ("dotted", "." + domain));
    }

    private static async Task<IReadOnlyList<AgencyDomain>> Read(NpgsqlConnection connection, NpgsqlTransaction? tx, string where, params (string Name, object Value)[] parameters)
    {
        await using var cmd = new NpgsqlCommand(Select + "\n" + where, connection, tx);
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        await using var reader = await cmd.ExecuteReaderAsync();
        var list = new List<AgencyDomain>();
        while (await reader.ReadAsync())
        {
            list.Add(new AgencyDomain(reader.GetString(0), reader.GetGuid(1), reader.GetString(2), (DomainStatus)reader.GetInt16(3),
                reader.IsDBNull(4) ? null : reader.GetGuid(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetBoolean(6),
                reader.IsDBNull(7) ? null : reader.GetGuid(7), new DateTimeOffset(reader.GetDateTime(8), TimeSpan.Zero)));
        }
        return list;
    }
}
