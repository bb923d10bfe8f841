using GoChat.Grains.Users;
using Npgsql;

namespace GoChat.Grains.Identity;

/// <summary>The queryable mirror of agencies and users in PostgreSQL, written by their grains.</summary>
public sealed class DirectoryStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// The agency owning the address's domain or its closest parent domain (x.jpm.gov.my → jpm.gov.my), among active
    /// domains only: a requested domain decides nothing until it is approved.
    /// </summary>
    public async Task<(Guid AgencyId, AgencyCategory Category)?> FindAgencyForEmail(string email)
    {
        var domain = email[(email.LastIndexOf('@') + 1)..].ToLowerInvariant();
        var labels = domain.Split('.');
        var candidates = Enumerable.Range(0, labels.Length).Select(i => string.Join('.', labels[i..])).ToArray();
        await using var cmd = dataSource.CreateCommand("""
            SELECT a.id, a.category FROM gochat_agency_domains d JOIN gochat_agencies a ON a.id = d.agency_id
            WHERE d.domain = ANY(@candidates) AND d.status = @active ORDER BY length(d.domain) DESC LIMIT 1
            """);
        cmd.Parameters.AddWithValue("candidates", candidates);
        cmd.Parameters.AddWithValue("active", (short)DomainStatus.Active);
        await using var reader = await cmd.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetGuid(0), (AgencyCategory)reader.GetInt16(1)) : null;
    }

    /// <summary>Every agency with its active domains (pending requests are for admins, see DomainStore).</summary>
    public async Task<IReadOnlyList<AgencyInfo>> ListAgencies()
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT a.id, a.name, a.category, a.created_at, coalesce(array_agg(d.domain ORDER BY d.domain) FILTER (WHERE d.domain IS NOT NULL), '{}')
            FROM gochat_agencies a LEFT JOIN gochat_agency_domains d ON d.agency_id = a.id AND d.status = 3 -- active only
            GROUP BY a.id ORDER BY a.name
            """);
        await using var reader = await cmd.ExecuteReaderAsync();
        var list = new List<AgencyInfo>();
        while (await reader.ReadAsync())
        {
            list.Add(new AgencyInfo(reader.GetGuid(0), reader.GetString(1), (AgencyCategory)reader.GetInt16(2),
                reader.GetFieldValue<string[]>(4), new DateTimeOffset(reader.GetDateTime(3), TimeSpan.Zero)));
        }
        return list;
    }

    /// <summary>
    /// The account's columns; the account's first write creates the row, with no profile yet. Profile columns are the
    /// profile grain's (<see cref="UpdateProfile"/>), so neither grain's write can put back what the other changed.
    /// </summary>
    public async Task UpsertAccount(AccountInfo account, DateTimeOffset createdAt)
    {
        await using var cmd = dataSource.CreateCommand("""
            INSERT INTO gochat_users (id, email, display_name, agency_id, is_external, role, status, created_at, updated_at)
            VALUES (@id, @email, @name, @agency, @external, @role, @status, @created, now())
            ON CONFLICT (id) DO UPDATE SET email = excluded.email, display_name = excluded.display_name,
                agency_id = excluded.agency_id, is_external = excluded.is_external, role = excluded.role,
                status = excluded.status, updated_at = now()
            """);
        cmd.Parameters.AddWithValue("id", account.UserId);
        cmd.Parameters.AddWithValue("email", (object?)account.Email ?? DBNull.Value);
        cmd.Parameters.AddWithValue("name", account.DisplayName);
        cmd.Parameters.AddWithValue("agency", (object?)account.AgencyId ?? DBNull.Value);
        cmd.Parameters.AddWithValue("external", account.IsExternal);
        cmd.Parameters.AddWithValue("role", (short)account.Role);
        cmd.Parameters.AddWithValue("status", (short)account.Status);
        cmd.Parameters.AddWithValue("created", createdAt);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>The profile's columns of a row the account created (a profile exists only for an account).</summary>
    public async Task UpdateProfile(Guid userId, ProfileState profile)
    {
        await using var cmd = dataSource.CreateCommand("""
            UPDATE gochat_users SET position = @position, department = @department, status_text = @statusText,
                availability = @availability, photo_version = @photo, updated_at = now()
            WHERE id = @id
            """);
        cmd.Parameters.AddWithValue("id", userId);
        cmd.Parameters.AddWithValue("position", (object?)profile.Position ?? DBNull.Value);
        cmd.Parameters.AddWithValue("department", (object?)profile.Department ?? DBNull.Value);
        cmd.Parameters.AddWithValue("statusText", (object?)profile.StatusText ?? DBNull.Value);
        cmd.Parameters.AddWithValue("availability", (short)profile.Availability);
        cmd.Parameters.AddWithValue("photo", profile.PhotoVersion);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>Active people matching every given filter, by name. <paramref name="onlyAgency"/> narrows what a limited viewer may see.</summary>
    public async Task<IReadOnlyList<UserProfile>> Search(DirectoryQuery query, Guid? onlyAgency)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT u.id, coalesce(u.email, u.display_name), u.display_name, u.agency_id, a.name, u.is_external,
                   u.position, u.department, u.status_text, u.availability, u.photo_version
            FROM gochat_users u LEFT JOIN gochat_agencies a ON a.id = u.agency_id
            WHERE u.status = @active
              AND (@only::uuid IS NULL OR u.agency_id = @only)
              AND (@agency::uuid IS NULL OR u.agency_id = @agency)
              AND (@text::text IS NULL OR u.display_name ILIKE @text OR u.email ILIKE @text OR u.position ILIKE @text
                   OR u.department ILIKE @text OR a.name ILIKE @text)
              AND (@department::text IS NULL OR u.department ILIKE @department)
              AND (@position::text IS NULL OR u.position ILIKE @position)
            ORDER BY lower(u.display_name), u.id
            LIMIT @limit OFFSET @offset
            """);
        cmd.Parameters.AddWithValue("active", (short)AccountStatus.Active);
        cmd.Parameters.Add(Nullable("only", onlyAgency));
        cmd.Parameters.Add(Nullable("agency", query.AgencyId));
        cmd.Parameters.Add(Contains("text", query.Text));
        cmd.Parameters.Add(Contains("department", query.Department));
        cmd.Parameters.Add(Contains("position", query.Position));
        cmd.Parameters.AddWithValue("limit", query.Limit);
        cmd.Parameters.AddWithValue("offset", query.Offset);
        await using var reader = await cmd.ExecuteReaderAsync();
        var list = new List<UserProfile>();
        while (await reader.ReadAsync())
        {
            list.Add(new UserProfile(reader.GetGuid(0), reader.GetString(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetGuid(3), reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetBoolean(5),
                reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8), (Availability)reader.GetInt16(9), reader.GetInt64(10)));
        }
        return list;
    }

    private static NpgsqlParameter Nullable(string name, Guid? value) =>
        new(name, NpgsqlTypes.NpgsqlDbType.Uuid) { Value = value is { } v ? v : DBNull.Value };

    /// <summary>An ILIKE pattern for "contains", with the user's own % and _ taken literally.</summary>
    private static NpgsqlParameter Contains(string name, string? text)
    {
        var trimmed = text?.Trim();
        object value = string.IsNullOrEmpty(trimmed) ? DBNull.Value
            : "%" + trimmed.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_") + "%";
        return new NpgsqlParameter(name, NpgsqlTypes.NpgsqlDbType.Text) { Value = value };
    }

    /// <summary>Newest first (ties by id, so pages never overlap); <paramref name="search"/> is a plain substring of the name or email.</summary>
    public async Task<IReadOnlyList<DirectoryUser>> ListUsers(Guid agencyId, AccountStatus? status, string? search, int offset, int limit)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT id, email, display_name, agency_id, is_external, role, status, created_at FROM gochat_users
            WHERE agency_id = @agency AND (@status IS NULL OR status = @status)
              AND (@search IS NULL OR strpos(lower(display_name), @search) > 0 OR strpos(lower(coalesce(email, '')), @search) > 0)
            ORDER BY created_at DESC, id LIMIT @limit OFFSET @offset
            """);
        cmd.Parameters.AddWithValue("agency", agencyId);
        cmd.Parameters.Add(new NpgsqlParameter("status", NpgsqlTypes.NpgsqlDbType.Smallint) { Value = status is { } s ? (short)s : DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("search", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)search?.ToLowerInvariant() ?? DBNull.Value });
        cmd.Parameters.AddWithValue("limit", limit);
        cmd.Parameters.AddWithValue("offset", offset);
        await using var reader = await cmd.ExecuteReaderAsync();
        var list = new List<DirectoryUser>();
        while (await reader.ReadAsync())
        {
            list.Add(new DirectoryUser(reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetGuid(3), reader.GetBoolean(4), (UserRole)reader.GetInt16(5),
                (AccountStatus)reader.GetInt16(6), new DateTimeOffset(reader.GetDateTime(7), TimeSpan.Zero)));
        }
        return list;
    }
}
