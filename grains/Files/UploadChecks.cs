using GoChat.Files.Scanning;
using GoChat.Files.Storage;
using Microsoft.Extensions.Logging;

namespace GoChat.Grains.Files;

/// <summary>
/// What a finished upload goes through before anyone can receive it: its type decided by its bytes, its SHA-256, the
/// scanner, and for pictures the previews. The file is read once for the hash and the scanner together. Bytes the agency
/// already stores (same hash, already cleared) are not kept twice: the upload points at that copy and its own go.
/// </summary>
public sealed class UploadChecks(
    UploadStore uploads,
    BlobCatalog blobs,
    FileStores stores,
    IMalwareScanner scanner,
    UploadPictures pictures,
    TimeProvider time,
    ILogger<UploadChecks> logger)
{
    public async Task<BlobRow> Blob(Guid blobId) =>
        await blobs.Load(blobId) ?? throw new GoChatException(ErrorCodes.UploadNotFound, "The file is gone.");

    /// <summary>The upload's own bytes: each writer's leftovers, and the assembled file unless it became a blob.</summary>
    public async Task DeleteBytes(UploadRow row, bool assembledToo)
    {
        var store = stores.Get(row.Store);
        for (var writer = 1; writer <= row.Writers; writer++) await store.DeleteFile(UploadFileIds.Writer(row.UploadId, writer), CancellationToken.None);
        if (assembledToo) await store.DeleteFile(UploadFileIds.Assembled(row.UploadId), CancellationToken.None);
    }

    /// <returns>The upload as it stands after its checks: Ready, Refused, or still Checking when the scanner failed.</returns>
    public async Task<UploadRow> Check(UploadRow row)
    {
        var store = stores.Get(row.Store);
        var ct = CancellationToken.None;
        // The assembled file: no upload request writes to it, only the upload's grain moves finished chunks in.
        var sealedId = UploadFileIds.Assembled(row.UploadId);
        if (row.Encrypted) return await Ciphertext(row, store, sealedId);
        // Large blocks: after the type's few reads, the scan reads the whole file front to back.
        await using var content = new StoredFileStream(store, sealedId, row.Length, blockBytes: 1024 * 1024);
        var type = await UploadTypes.Decide(row, content, ct);
        if (type.Refusal is { } refused) return await Refuse(row, store, refused.Code, refused.Reason);

        content.Position = 0;
        await using var hashing = new HashingReadStream(content);
        var verdict = await scanner.Scan(hashing, ct);
        var sha256 = await hashing.FinishAsync(ct);

        switch (verdict.Outcome)
        {
            case ScanOutcome.Infected:
                logger.LogWarning("Upload {UploadId} of {OwnerId} is infected ({Signature}); refused", row.UploadId, row.OwnerId, verdict.Detail);
                return await Refuse(row, store, ErrorCodes.FileInfected, $"The file contains malware ({verdict.Detail}) and was not sent.");
            case ScanOutcome.Unscannable:
                return await Refuse(row, store, ErrorCodes.FileUnscannable,
                    $"The file cannot be checked for malware ({verdict.Detail}): encrypted or too large to scan, so it was not sent.");
            case ScanOutcome.Failed:
                // Quarantined until a scan succeeds: the sweeper tries again.
                logger.LogWarning("Scan of upload {UploadId} failed ({Detail}); it stays quarantined", row.UploadId, verdict.Detail);
                await uploads.Update(row, time.GetUtcNow());
                return row;
        }

        if (await blobs.FindCleared(row.ScopeId, sha256) is { } copy)
        {
            // The same bytes, already stored and cleared: one copy is enough. Only after this scan passed them too: a
            // signature learned since the copy was checked must still stop them.
            var pointed = await blobs.InsertFor(row.UploadId, copy, time.GetUtcNow());
            if (pointed.BlobId != sealedId) await store.DeleteFile(sealedId, ct);
            logger.LogInformation("Upload {UploadId} has the same bytes as blob {BlobId}; one copy kept", row.UploadId, pointed.BlobId);
            return row with { Status = UploadStatus.Ready, BlobId = pointed.BlobId };
        }

        var made = await pictures.Make(store, sealedId, row, type.Type!, ct);
        var blob = new BlobRow(sealedId, row.ScopeId, sha256, row.Store, row.Length, type.Type!.ContentType, type.Type.Kind,
            verdict.Outcome, verdict.Detail, made?.Width, made?.Height, made?.Preview, made?.Thumbnail, made?.Placeholder);
        // Only infected, unscannable or failed scans stop here; Clean and NotScanned (policy allows it, with a warning) go on.
        var stored = await blobs.InsertFor(row.UploadId, blob, time.GetUtcNow());
        if (stored.BlobId != sealedId)
        {
            // Another upload of the same bytes was stored first: keep that one.
            await store.DeleteFile(sealedId, ct);
            await pictures.Delete(store, made, ct);
        }
        return row with { Status = UploadStatus.Ready, BlobId = stored.BlobId };
    }

    /// <summary>A secret chat's encrypted file: hashed and kept, nothing else. There is nothing to sniff, scan or picture.</summary>
    private async Task<UploadRow> Ciphertext(UploadRow row, IFileStore store, Guid sealedId)
    {
        await using var content = new StoredFileStream(store, sealedId, row.Length, blockBytes: 1024 * 1024);
        await using var hashing = new HashingReadStream(content);
        var sha256 = await hashing.FinishAsync(CancellationToken.None);
        var blob = new BlobRow(sealedId, row.ScopeId, sha256, row.Store, row.Length, "application/octet-stream", AttachmentKind.File,
            ScanOutcome.NotScanned, "client-encrypted", null, null, null, null, null, Encrypted: true);
        var stored = await blobs.InsertFor(row.UploadId, blob, time.GetUtcNow());
        if (stored.BlobId != sealedId) await store.DeleteFile(sealedId, CancellationToken.None);
        return row with { Status = UploadStatus.Ready, BlobId = stored.BlobId };
    }

    private async Task<UploadRow> Refuse(UploadRow row, IFileStore store, string code, string reason)
    {
        // Refused bytes are never delivered, so they are not kept either.
        await store.DeleteFile(UploadFileIds.Assembled(row.UploadId), CancellationToken.None);
        var refused = row with { Status = UploadStatus.Refused, RefusalCode = code, Refusal = reason };
        await uploads.Update(refused, time.GetUtcNow());
        return refused;
    }
}
