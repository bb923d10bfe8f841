using Npgsql;

namespace GoChat.Grains.Pictures;

/// <summary>
/// Pictures in PostgreSQL, one per owner and replaced whole: the agency's data stays in the agency's database, and
/// one backup holds them with the messages. What comes here was sanitised first (<see cref="PictureUpload"/>).
/// </summary>
public abstract class PictureStore(NpgsqlDataSource dataSource, string table, string key)
{
    public async Task Save(Guid owner, ProfilePhoto photo, DateTimeOffset at)
    {
        await using var cmd = dataSource.CreateCommand($"""
            INSERT INTO {table} ({key}, content_type, data, version, updated_at) VALUES (@o, @t, @d, @v, @at)
            ON CONFLICT ({key}) DO UPDATE SET content_type = excluded.content_type, data = excluded.data,
                version = excluded.version, updated_at = excluded.updated_at
            """);
        cmd.Parameters.AddWithValue("o", owner);
        cmd.Parameters.AddWithValue("t", photo.ContentType);
        cmd.Parameters.AddWithValue("d", photo.Data);
        cmd.Parameters.AddWithValue("v", photo.Version);
        cmd.Parameters.AddWithValue("at", at);
        await cmd.ExecuteNonQueryAsync();
    }

    public async Task<ProfilePhoto?> Load(Guid owner)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT content_type, data, version FROM {table} WHERE {key} = @o");
        cmd.Parameters.AddWithValue("o", owner);
        await using var reader = await cmd.ExecuteReaderAsync();
        return await reader.ReadAsync() ? new ProfilePhoto(reader.GetString(0), reader.GetFieldValue<byte[]>(1), reader.GetInt64(2)) : null;
    }

    public async Task Delete(Guid owner)
    {
        await using var cmd = dataSource.CreateCommand($"DELETE FROM {table} WHERE {key} = @o");
        cmd.Parameters.AddWithValue("o", owner);
        await cmd.ExecuteNonQueryAsync();
    }
}

/// <summary>Profile pictures, by user.</summary>
public sealed class PhotoStore(NpgsqlDataSource dataSource) : PictureStore(dataSource, "gochat_profile_photos", "user_id");

/// <summary>
/// Group photos and channel pictures, by conversation id: a channel's id is one (it never collides with a group's), so
/// the conversation list's one join finds either.
/// </summary>
public sealed class ConversationPhotoStore(NpgsqlDataSource dataSource) : PictureStore(dataSource, "gochat_group_photos", "conversation_id");
