using Npgsql;

namespace GoChat.Grains.Identity;

/// <summary>gochat_passkeys: the one account each credential id belongs to.</summary>
public sealed class PasskeyStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Records the credential as the user's; false when it is another account's already. Claiming one's own
    /// credential again is true, so a registration whose grain write failed can be retried.
    /// </summary>
    public async Task<bool> Claim(byte[] credentialId, Guid userId, DateTimeOffset at)
    {
        // The second SELECT does not see the row the first part inserts (one snapshot): exactly one row comes back.
        await using var cmd = dataSource.CreateCommand("""
            WITH inserted AS (
                INSERT INTO gochat_passkeys (credential_id, user_id, created_at) VALUES (@c, @u, @at)
                ON CONFLICT (credential_id) DO NOTHING RETURNING user_id)
            SELECT user_id FROM inserted
            UNION ALL SELECT user_id FROM gochat_passkeys WHERE credential_id = @c
            LIMIT 1
            """);
        cmd.Parameters.AddWithValue("c", credentialId);
        cmd.Parameters.AddWithValue("u", userId);
        cmd.Parameters.AddWithValue("at", at);
        return await cmd.ExecuteScalarAsync() is Guid owner && owner == userId;
    }

    public async Task<Guid?> OwnerOf(byte[] credentialId)
    {
        await using var cmd = dataSource.CreateCommand("SELECT user_id FROM gochat_passkeys WHERE credential_id = @c");
        cmd.Parameters.AddWithValue("c", credentialId);
        return await cmd.ExecuteScalarAsync() is Guid owner ? owner : null;
    }

    public async Task Release(byte[] credentialId, Guid userId)
    {
        await using var cmd = dataSource.CreateCommand("DELETE FROM gochat_passkeys WHERE credential_id = @c AND user_id = @u");
        cmd.Parameters.AddWithValue("c", credentialId);
        cmd.Parameters.AddWithValue("u", userId);
        await cmd.ExecuteNonQueryAsync();
    }
}
