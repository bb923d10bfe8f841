using GoChat.Files.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using GoChat.Files;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GoChat.Grains.Files;

/// <summary>
/// Frees what nobody holds any more, in every silo (each sweep takes rows with SKIP LOCKED, so silos never free the same
/// one twice): uploads that expired unsent, then blobs that no message and no upload refers to, with their bytes and
/// pictures. It also wakes checks that stalled (their silo stopped, the scanner was down). A deleted message nudges it,
/// so a file goes soon after its last message rather than at the next sweep.
/// </summary>
public sealed class FileSweeper(
    NpgsqlDataSource dataSource,
    FileStores stores,
    IGrainFactory grains,
    IOptions<FilesOptions> options,
    TimeProvider time,
    ILogger<FileSweeper> logger) : BackgroundService
{
    private readonly SemaphoreSlim _nudge = new(0, 1);

    /// <summary>Something may have become free: sweep now instead of at the next interval.</summary>
    public void Nudge()
    {
        if (_nudge.CurrentCount == 0)
        {
            try { _nudge.Release(); } catch (SemaphoreFullException) { }
        }
    }

    /// <summary>Blobs freed since the silo started: tests and dashboards watch it.</summary>
    public long Freed => Interlocked.Read(ref _freed);

    private long _freed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.SweepSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepOnce(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "File sweep failed; trying again at the next one");
            }
            try
            {
                await _nudge.WaitAsync(interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async Task SweepOnce(CancellationToken cancellationToken)
    {
        await ExpireUploads(cancellationToken);
        while (await FreeBlobs(cancellationToken) > 0) { }
        await WakeStalledChecks(cancellationToken);
    }

    private async Task ExpireUploads(CancellationToken cancellationToken)
    {
        // An upload's own bytes go with it: what each writer left, and the assembled file unless it became a blob (a
        // blob's bytes are the blob's to free).
        await using var cmd = dataSource.CreateCommand("""
            DELETE FROM gochat_uploads WHERE upload_id IN (
                SELECT upload_id FROM gochat_uploads WHERE expires_at < @now ORDER BY expires_at LIMIT 500 FOR UPDATE SKIP LOCKED)
            RETURNING upload_id, store, writers, blob_id IS NOT NULL
            """);
        cmd.Parameters.AddWithValue("now", time.GetUtcNow());
        var expired = new List<(Guid Id, string Store, int Writers, bool Blob)>();
        await using (var r = await cmd.ExecuteReaderAsync(cancellationToken))
        {
            while (await r.ReadAsync(cancellationToken)) expired.Add((r.GetGuid(0), r.GetString(1), r.GetInt32(2), r.GetBoolean(3)));
        }
        foreach (var (id, name, writers, blob) in expired)
        {
            var store = stores.Get(name);
            for (var writer = 1; writer <= writers; writer++) await store.DeleteFile(UploadFileIds.Writer(id, writer), cancellationToken);
            if (!blob) await store.DeleteFile(UploadFileIds.Assembled(id), cancellationToken);
        }
    }

    private async Task<int> FreeBlobs(CancellationToken cancellationToken)
    {
        // The foreign keys from messages and uploads make this safe against one that refers to a blob at this moment:
        // either it waits for the delete and fails (the blob is gone, the send is refused) or the delete fails and the
        // blob stays until a later sweep.
        await using var cmd = dataSource.CreateCommand("""
            DELETE FROM gochat_blobs WHERE blob_id IN (
                SELECT b.blob_id FROM gochat_blobs b
                WHERE NOT EXISTS (SELECT 1 FROM gochat_blob_refs r WHERE r.blob_id = b.blob_id)
                  AND NOT EXISTS (SELECT 1 FROM gochat_uploads u WHERE u.blob_id = b.blob_id)
                LIMIT 200 FOR UPDATE SKIP LOCKED)
            RETURNING blob_id, store, preview_id, thumb_id
            """);
        var freed = new List<(string Store, Guid[] Files)>();
        await using (var r = await cmd.ExecuteReaderAsync(cancellationToken))
        {
            while (await r.ReadAsync(cancellationToken))
            {
                var files = new[] { r.GetGuid(0), r.IsDBNull(2) ? Guid.Empty : r.GetGuid(2), r.IsDBNull(3) ? Guid.Empty : r.GetGuid(3) };
                freed.Add((r.GetString(1), files.Where(f => f != Guid.Empty).ToArray()));
            }
        }
        foreach (var (store, files) in freed)
        {
            foreach (var file in files) await stores.Get(store).DeleteFile(file, cancellationToken);
        }
        Interlocked.Add(ref _freed, freed.Count);
        if (freed.Count > 0) logger.LogInformation("Freed {Count} files that nothing refers to any more", freed.Count);
        return freed.Count;
    }

    private async Task WakeStalledChecks(CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT upload_id, owner_id FROM gochat_uploads WHERE status = @checking AND updated_at < @before ORDER BY updated_at LIMIT 100
            """);
        cmd.Parameters.AddWithValue("checking", (short)UploadStatus.Checking);
        cmd.Parameters.AddWithValue("before", time.GetUtcNow().AddSeconds(-options.Value.RecheckSeconds));
        var stalled = new List<(Guid Upload, Guid Owner)>();
        await using (var r = await cmd.ExecuteReaderAsync(cancellationToken))
        {
            while (await r.ReadAsync(cancellationToken)) stalled.Add((r.GetGuid(0), r.GetGuid(1)));
        }
        // Asking is enough: an activation that finds its upload in Checking runs the checks; a live one is running them.
        foreach (var (upload, owner) in stalled) await grains.GetGrain<IUploadGrain>(upload).Recheck(owner);
    }
}
