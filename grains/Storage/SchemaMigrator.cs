using System.Reflection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace GoChat.Grains.Storage;

/// <summary>
/// Applies db/migrations/*.sql (embedded in this assembly) in name order, each once, each in its own
/// transaction, recording the version in gochat_schema_migrations. An advisory lock keeps silos that
/// start together from applying the same file twice.
/// </summary>
public sealed class SchemaMigrator(NpgsqlDataSource dataSource, ILogger<SchemaMigrator> logger)
{
    private const long AdvisoryLockKey = 0x6F6368617400; // "gochat"

    public static IReadOnlyList<(string Version, string Sql)> LoadMigrations()
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("migrations/", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (Path.GetFileNameWithoutExtension(n["migrations/".Length..]), Read(assembly, n)))
            .ToList();
    }

    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await Execute(connection, "SELECT pg_advisory_lock(" + AdvisoryLockKey + ")", cancellationToken);
        try
        {
            await Execute(connection, """
                CREATE TABLE IF NOT EXISTS gochat_schema_migrations (
                    version    text        PRIMARY KEY,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """, cancellationToken);

            var applied = new HashSet<string>(StringComparer.Ordinal);
            await using (var cmd = new NpgsqlCommand("SELECT version FROM gochat_schema_migrations", connection))
            await using (var reader = await cmd.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken)) applied.Add(reader.GetString(0));
            }

            var newlyApplied = new List<string>();
            foreach (var (version, sql) in LoadMigrations())
            {
                if (applied.Contains(version)) continue;
                await using var tx = await connection.BeginTransactionAsync(cancellationToken);
                await using (var cmd = new NpgsqlCommand(sql, connection, tx)) await cmd.ExecuteNonQueryAsync(cancellationToken);
                await using (var record = new NpgsqlCommand("INSERT INTO gochat_schema_migrations (version) VALUES (@v)", connection, tx))
                {
                    record.Parameters.AddWithValue("v", version);
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }
                await tx.CommitAsync(cancellationToken);
                logger.LogInformation("Applied migration {Version}", version);
                newlyApplied.Add(version);
            }
            return newlyApplied;
        }
        finally
        {
            await Execute(connection, "SELECT pg_advisory_unlock(" + AdvisoryLockKey + ")", CancellationToken.None);
        }
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
