using System.Diagnostics;
using GoChat.Bench.Measure;
using Npgsql;
using NpgsqlTypes;

namespace GoChat.Bench.Workloads;

/// <summary>
/// Ceiling: how many message rows per second this PostgreSQL takes in committed batches, with nothing in
/// front of it. Rows shaped like GoChat's (same table definition, indexes included), written with binary
/// COPY, one transaction per batch, durable commits; the same batch size as GoChat's group commit.
/// </summary>
public sealed class PostgresCeiling(PostgresCeiling.Options options)
{
    public sealed record Options(string ConnectionString, int BatchSize, int Connections, double DurationSeconds, IReadOnlyList<int> ServerPids, string? Out);

    public async Task<WorkloadResult> Run(CancellationToken ct)
    {
        await using var dataSource = NpgsqlDataSource.Create(options.ConnectionString);
        await using (var setup = dataSource.CreateCommand("""
            DROP TABLE IF EXISTS bench_ceiling_messages;
            CREATE TABLE bench_ceiling_messages (LIKE gochat_messages INCLUDING ALL);
            """))
        {
            await setup.ExecuteNonQueryAsync(ct);
        }
        var batches = new LatencyRecorder();
        long rows = 0;
        var end = Clock.Now + Clock.SecondsToTicks(options.DurationSeconds);
        var cpu0 = ProcessCpu.Take(options.ServerPids);
        var client0 = Process.GetCurrentProcess().TotalProcessorTime;
        var start = Clock.Now;
        await Task.WhenAll(Enumerable.Range(0, options.Connections).Select(async _ =>
        {
            var conversation = Guid.NewGuid();
            var sender = Guid.NewGuid();
            long seq = 0;
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            while (Clock.Now < end)
            {
                var t0 = Clock.Now;
                await using var tx = await connection.BeginTransactionAsync(ct);
                await using (var copy = await connection.BeginBinaryImportAsync(
                    "COPY bench_ceiling_messages (conversation_id, seq, sender_id, kind, body, client_message_id, sent_at) FROM STDIN (FORMAT BINARY)", ct))
                {
                    for (var i = 0; i < options.BatchSize; i++)
                    {
                        seq++;
                        await copy.StartRowAsync(ct);
                        await copy.WriteAsync(conversation, NpgsqlDbType.Uuid, ct);
                        await copy.WriteAsync(seq, NpgsqlDbType.Bigint, ct);
                        await copy.WriteAsync(sender, NpgsqlDbType.Uuid, ct);
                        await copy.WriteAsync((short)1, NpgsqlDbType.Smallint, ct);
                        await copy.WriteAsync("ceiling message of a typical chat length, about sixty chars", NpgsqlDbType.Text, ct);
                        await copy.WriteAsync($"c-{seq}", NpgsqlDbType.Text, ct);
                        await copy.WriteAsync(DateTime.UtcNow, NpgsqlDbType.TimestampTz, ct);
                    }
                    await copy.CompleteAsync(ct);
                }
                await tx.CommitAsync(ct);
                batches.RecordTicks(t0, Clock.Now);
                Interlocked.Add(ref rows, options.BatchSize);
            }
        }));
        var seconds = Clock.TicksToSeconds(Clock.Now - start);
        var result = new WorkloadResult("postgresql", "ceiling-pg-batched-insert", $"batch={options.BatchSize} connections={options.Connections} (latency = one batch commit)",
            rows, rows, 0, 0, seconds, rows / seconds, batches.PercentileMs(50), batches.PercentileMs(95), batches.PercentileMs(99), batches.MaxMs,
            ProcessCpu.SecondsBetween(cpu0, ProcessCpu.Take(options.ServerPids)), (Process.GetCurrentProcess().TotalProcessorTime - client0).TotalSeconds);
        await using (var drop = dataSource.CreateCommand("DROP TABLE bench_ceiling_messages")) await drop.ExecuteNonQueryAsync(ct);
        result.Emit(options.Out);
        return result;
    }
}
