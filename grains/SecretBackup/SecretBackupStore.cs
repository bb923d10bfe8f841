using GoChat.GrainInterfaces.Models;
using Npgsql;

namespace GoChat.Grains.SecretBackup;

/// <summary>The rows of gochat_secret_backups. Wrong tries are counted by one UPDATE each, so no two tries read the same count.</summary>
public sealed class SecretBackupStore(NpgsqlDataSource dataSource)
{
    public sealed record Row(int Version, byte[] Salt, int Iterations, byte[] Verifier, byte[] WrappedKey, int FailedAttempts, DateTimeOffset? LockedAt);

    public async Task<Row?> Load(Guid user)
    {
        await using var cmd = dataSource.CreateCommand(
            "SELECT version, salt, iterations, verifier, wrapped_key, failed_attempts, locked_at FROM gochat_secret_backups WHERE user_id = @u");
        cmd.Parameters.AddWithValue("u", user);
        await using var reader = await cmd.ExecuteReaderAsync();
        if (!await reader.ReadAsync()) return null;
        return new Row(reader.GetInt32(0), (byte[])reader[1], reader.GetInt32(2), (byte[])reader[3], (byte[])reader[4], reader.GetInt32(5),
            reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6));
    }

    /// <summary>Stores version n, replacing n-1 (or nothing for n = 1); false when another setup got there first.</summary>
    public async Task<bool> Replace(Guid user, SecretBackupSetup setup, byte[] verifier, DateTimeOffset at)
    {
        // The first version is a new row; a later one replaces the row of the version before it, and only that one.
        await using var cmd = dataSource.CreateCommand(setup.Version == 1
            ? """
              INSERT INTO gochat_secret_backups (user_id, version, salt, iterations, verifier, wrapped_key, failed_attempts, locked_at, created_at)
              VALUES (@u, @v, @salt, @it, @verifier, @wrapped, 0, NULL, @at)
              ON CONFLICT (user_id) DO NOTHING
              """
            : """
              UPDATE gochat_secret_backups SET version = @v, salt = @salt, iterations = @it, verifier = @verifier, wrapped_key = @wrapped,
                  failed_attempts = 0, locked_at = NULL, created_at = @at
              WHERE user_id = @u AND version = @v - 1
              """);
        cmd.Parameters.AddWithValue("u", user);
        cmd.Parameters.AddWithValue("v", setup.Version);
        cmd.Parameters.AddWithValue("salt", setup.Salt);
        cmd.Parameters.AddWithValue("it", setup.Iterations);
        cmd.Parameters.AddWithValue("verifier", verifier);
        cmd.Parameters.AddWithValue("wrapped", setup.WrappedKey);
        cmd.Parameters.AddWithValue("at", at);
        return await cmd.ExecuteNonQueryAsync() == 1;
    }

    /// <summary>Counts one wrong try of that version; the tenth locks it. Null when the backup is not (or no longer) open to tries.</summary>
    public async Task<(int Failed, DateTimeOffset? LockedAt)?> CountWrongTry(Guid user, int version, int tries, DateTimeOffset at)
    {
        await using var cmd = dataSource.CreateCommand("""
            UPDATE gochat_secret_backups
            SET failed_attempts = failed_attempts + 1, locked_at = CASE WHEN failed_attempts + 1 >= @tries THEN @at END
            WHERE user_id = @u AND version = @v AND locked_at IS NULL
            RETURNING failed_attempts, locked_at
            """);
        cmd.Parameters.AddWithValue("u", user);
        cmd.Parameters.AddWithValue("v", version);
        cmd.Parameters.AddWithValue("tries", tries);
        cmd.Parameters.AddWithValue("at", at);
        await using var reader = await cmd.ExecuteReaderAsync();
        if (!await reader.ReadAsync()) return null;
        return (reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1));
    }

    /// <summary>A right passcode: the count starts again. False when the backup locked (or changed) meanwhile.</summary>
    public async Task<bool> ResetTries(Guid user, int version)
    {
        await using var cmd = dataSource.CreateCommand(
            "UPDATE gochat_secret_backups SET failed_attempts = 0 WHERE user_id = @u AND version = @v AND locked_at IS NULL");
        cmd.Parameters.AddWithValue("u", user);
        cmd.Parameters.AddWithValue("v", version);
        return await cmd.ExecuteNonQueryAsync() == 1;
    }
}
