using Npgsql;

namespace GoChat.Grains.Users;

/// <summary>Profile pictures in PostgreSQL: the agency's data stays in the agency's database.</summary>
public sealed class PhotoStore(NpgsqlDataSource dataSource)
{
    public async Task Save(Guid userId, ProfilePhoto photo, DateTimeOffset at)
    {
        await using var cmd = dataSource.CreateCommand("""
            INSERT INTO gochat_profile_photos (user_id, content_type, data, version, updated_at) VALUES (@u, @t, @d, @v, @at)
            ON CONFLICT (user_id) DO UPDATE SET content_type = excluded.content_type, data = excluded.data,
                version = excluded.version, updated_at = excluded.updated_at
            """);
        cmd.Parameters.AddWithValue("u", userId);
        cmd.Parameters.AddWithValue("t", photo.ContentType);
        cmd.Parameters.AddWithValue("d", photo.Data);
        cmd.Parameters.AddWithValue("v", photo.Version);
        cmd.Parameters.AddWithValue("at", at);
        await cmd.ExecuteNonQueryAsync();
    }

    public async Task<ProfilePhoto?> Load(Guid userId)
    {
        await using var cmd = dataSource.CreateCommand("SELECT content_type, data, version FROM gochat_profile_photos WHERE user_id = @u");
        cmd.Parameters.AddWithValue("u", userId);
        await using var reader = await cmd.ExecuteReaderAsync();
        return await reader.ReadAsync() ? new ProfilePhoto(reader.GetString(0), reader.GetFieldValue<byte[]>(1), reader.GetInt64(2)) : null;
    }

    public async Task Delete(Guid userId)
    {
        await using var cmd = dataSource.CreateCommand("DELETE FROM gochat_profile_photos WHERE user_id = @u");
        cmd.Parameters.AddWithValue("u", userId);
        await cmd.ExecuteNonQueryAsync();
    }
}
