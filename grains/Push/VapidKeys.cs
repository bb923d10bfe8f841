using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GoChat.Grains.Push;

/// <summary>
/// The platform's VAPID key pair: the configured one; in Development without one, a pair generated once and kept
/// in gochat_push_dev_vapid, so every silo of the dev cluster and every restart signs with the key the browsers
/// subscribed with. Elsewhere without one: null, and Web Push is off.
/// </summary>
public sealed class VapidKeys(IOptions<WebPushOptions> options, IHostEnvironment environment, NpgsqlDataSource dataSource, ILogger<VapidKeys> logger)
{
    private Task<VapidKeyPair?>? _pair;

    public Task<VapidKeyPair?> Get()
    {
        if (_pair is { IsFaulted: true }) _pair = null; // a failed dev read is tried again
        return _pair ??= Resolve();
    }

    private async Task<VapidKeyPair?> Resolve()
    {
        var o = options.Value;
        if (o.HasKeyPair)
        {
            VapidKeyPair.TryCreate(o.PublicKey, o.PrivateKey, out var configured); // validated at start
            return configured;
        }
        if (!environment.IsDevelopment())
        {
            logger.LogInformation("Web Push is off: WebPush:PublicKey and WebPush:PrivateKey are not configured");
            return null;
        }
        var fresh = VapidKeyPair.Generate();
        await using var cmd = dataSource.CreateCommand("""
            WITH ins AS (
                INSERT INTO gochat_push_dev_vapid (id, public_key, private_key) VALUES (1, @pub, @priv)
                ON CONFLICT (id) DO NOTHING RETURNING public_key, private_key)
            SELECT public_key, private_key FROM ins
            UNION ALL SELECT public_key, private_key FROM gochat_push_dev_vapid WHERE id = 1
            LIMIT 1
            """);
        cmd.Parameters.AddWithValue("pub", fresh.PublicKey);
        cmd.Parameters.AddWithValue("priv", fresh.PrivateKey);
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        var pair = new VapidKeyPair(reader.GetString(0), reader.GetString(1));
        logger.LogInformation("Web Push uses the Development VAPID key pair {PublicKey} (not for production)", pair.PublicKey);
        return pair;
    }
}
