using Npgsql;

namespace GoChat.Bench.Measure;

/// <summary>
/// PostgreSQL's background work that can stall commits on a pinned core, read from its statistics views (nothing
/// changes on the server): checkpoints begun and their write + sync time, and autovacuum / autoanalyze runs on the
/// benchmark database's tables. A window whose p99 jumps together with one of these points at it.
/// </summary>
public sealed class PostgresProbe(string connectionString) : IWindowProbe, IAsyncDisposable
{
    private readonly NpgsqlDataSource _data = NpgsqlDataSource.Create(connectionString);
    private bool _broken;

    public async Task<IReadOnlyDictionary<string, double>> Read(CancellationToken ct)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        if (_broken) return values;
        try
        {
            await using var connection = await _data.OpenConnectionAsync(ct);
            // PostgreSQL 17 moved the checkpoint figures to pg_stat_checkpointer.
            var checkpoints = connection.PostgreSqlVersion.Major >= 17
                ? "SELECT num_timed + num_requested, write_time + sync_time FROM pg_stat_checkpointer"
                : "SELECT checkpoints_timed + checkpoints_req, checkpoint_write_time + checkpoint_sync_time FROM pg_stat_bgwriter";
            await using (var cmd = new NpgsqlCommand(checkpoints, connection))
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
            {
                if (await reader.ReadAsync(ct))
                {
                    values["pg.checkpoints"] = Convert.ToDouble(reader.GetValue(0));
                    values["pg.checkpointMs"] = Convert.ToDouble(reader.GetValue(1));
                }
            }
            await using (var cmd = new NpgsqlCommand("SELECT coalesce(sum(autovacuum_count), 0), coalesce(sum(autoanalyze_count), 0) FROM pg_stat_user_tables", connection))
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
            {
                if (await reader.ReadAsync(ct))
                {
                    values["pg.autovacuums"] = Convert.ToDouble(reader.GetValue(0));
                    values["pg.autoanalyzes"] = Convert.ToDouble(reader.GetValue(1));
                }
            }
        }
        catch (NpgsqlException e)
        {
            // A probe must not fail the run: without the database's figures the window still counts.
            _broken = true;
            Console.Error.WriteLine($"[probe] PostgreSQL statistics unavailable: {e.Message}");
        }
        return values;
    }

    public ValueTask DisposeAsync() => _data.DisposeAsync();
}
