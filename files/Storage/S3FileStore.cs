using System.Buffers;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace GoChat.Files.Storage;

/// <summary>
/// Chunks as objects in an S3-compatible store, one object per chunk under <c>{prefix}{fileId:N}/{offset:D19}</c>:
/// the offset is zero-padded so a listing of the file's prefix, which S3 returns in key order, is in offset order, and
/// writing the same offset again replaces the object as <see cref="IFileStore"/> asks.
/// </summary>
public sealed class S3FileStore : IFileStore, IDisposable
{
    public const string StoreName = "s3";

    // DeleteObjects takes at most 1,000 keys a request.
    private const int DeleteBatch = 1000;
    private const int CopyBufferBytes = 81920;

    private readonly AmazonS3Client _client;
    private readonly string _bucket;
    private readonly string _prefix;

    public S3FileStore(S3FileStoreOptions options)
    {
        _bucket = options.Bucket;
        _prefix = options.Prefix;
        _client = new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), ClientConfig(options));
    }

    public string Name => StoreName;

    private static AmazonS3Config ClientConfig(S3FileStoreOptions options)
    {
        var config = new AmazonS3Config { ForcePathStyle = options.ForcePathStyle };
        if (options.IsOtherThanAws)
        {
            config.ServiceURL = options.ServiceUrl;
            config.AuthenticationRegion = options.Region;
            // SDK v4 adds a CRC checksum to every upload and checks one on every download by default; stores other than
            // AWS often reject the trailer it travels in, or answer without one. The payload is still SigV4-signed.
            config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
            config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.Region);
        }
        return config;
    }

    private string FilePrefix(Guid fileId) => $"{_prefix}{fileId:N}/";

    private string Key(Guid fileId, long offset) => $"{FilePrefix(fileId)}{offset.ToString("D19", CultureInfo.InvariantCulture)}";

    public async Task WriteChunk(Guid fileId, long offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        await using var body = ReadOnlyStream(data);
        await _client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _bucket,
            Key = Key(fileId, offset),
            InputStream = body,
            AutoCloseStream = false,
            ContentType = "application/octet-stream",
            // The chunk is in memory, so the SDK hashes it whole and signs that hash (x-amz-content-sha256) instead of
            // sending aws-chunked framing with a signature per piece: as strong, and plain bytes on the wire, which
            // every S3-compatible store reads. Some (s3rver, older gateways) store aws-chunked framing as the content.
            UseChunkEncoding = false,
        }, cancellationToken);
    }

    /// <summary>The chunk's bytes as a stream without a copy: uploads hand over pooled or array buffers.</summary>
    private static MemoryStream ReadOnlyStream(ReadOnlyMemory<byte> data) =>
        MemoryMarshal.TryGetArray(data, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(data.ToArray(), writable: false);

    public async Task<IReadOnlyList<StoredChunk>> ListChunks(Guid fileId, CancellationToken cancellationToken)
    {
        var filePrefix = FilePrefix(fileId);
        var chunks = new List<StoredChunk>();
        await foreach (var obj in Objects(filePrefix, cancellationToken))
        {
            // Only this store writes under the file's prefix; anything else there is not a chunk.
            if (!long.TryParse(obj.Key.AsSpan(filePrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var offset)) continue;
            chunks.Add(new StoredChunk(offset, checked((int)(obj.Size ?? 0))));
        }
        return chunks;
    }

    private async IAsyncEnumerable<S3Object> Objects(string prefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? continuation = null;
        do
        {
            var page = await _client.ListObjectsV2Async(new ListObjectsV2Request
            {
                BucketName = _bucket,
                Prefix = prefix,
                ContinuationToken = continuation,
            }, cancellationToken);
            foreach (var obj in page.S3Objects ?? []) yield return obj;
            continuation = page.IsTruncated == true ? page.NextContinuationToken : null;
        } while (continuation is not null);
    }

    public async Task CopyChunk(Guid fileId, StoredChunk chunk, int skip, int count, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        // A range of no bytes has no HTTP form (bytes=n-(n-1) is invalid), and there is nothing to copy.
        if (count == 0) return;
        GetObjectResponse response;
        try
        {
            response = await _client.GetObjectAsync(new GetObjectRequest
            {
                BucketName = _bucket,
                Key = Key(fileId, chunk.Offset),
                ByteRange = new ByteRange(skip, (long)skip + count - 1),
            }, cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            throw new InvalidDataException($"Chunk {chunk.Offset} of file {fileId} is gone ({e.ErrorCode}).", e);
        }
        using (response)
        {
            await using var body = response.ResponseStream;
            var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(count, CopyBufferBytes));
            try
            {
                long copied = 0;
                int n;
                while ((n = await body.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    // A chunk shorter than its listing (replaced meanwhile) must not pass for the bytes asked for.
                    if (copied + n > count) throw new InvalidDataException($"Chunk {chunk.Offset} of file {fileId} sent more than the {count} bytes asked for.");
                    await destination.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
                    copied += n;
                }
                if (copied != count) throw new InvalidDataException($"Chunk {chunk.Offset} of file {fileId} ended after {copied} of {count} bytes.");
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    public async Task MoveChunk(Guid fromFileId, long offset, Guid toFileId, CancellationToken cancellationToken)
    {
        // S3 has no rename: a copy inside the store (no byte passes through GoChat), then the original goes. A copy onto an
        // existing key replaces it, as a move must.
        try
        {
            await _client.CopyObjectAsync(new CopyObjectRequest
            {
                SourceBucket = _bucket,
                SourceKey = Key(fromFileId, offset),
                DestinationBucket = _bucket,
                DestinationKey = Key(toFileId, offset),
            }, cancellationToken);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            throw new InvalidDataException($"No chunk at {offset} of file {fromFileId} to move.", ex);
        }
        await _client.DeleteObjectAsync(_bucket, Key(fromFileId, offset), cancellationToken);
    }

    public async Task DeleteFile(Guid fileId, CancellationToken cancellationToken)
    {
        var keys = new List<KeyVersion>();
        await foreach (var obj in Objects(FilePrefix(fileId), cancellationToken)) keys.Add(new KeyVersion { Key = obj.Key });
        foreach (var batch in keys.Chunk(DeleteBatch))
        {
            var response = await _client.DeleteObjectsAsync(new DeleteObjectsRequest
            {
                BucketName = _bucket,
                Objects = [.. batch],
                Quiet = true,
            }, cancellationToken);
            if (response.DeleteErrors is { Count: > 0 } errors)
                throw new IOException($"The S3 store kept {errors.Count} chunks of file {fileId}: {errors[0].Code} {errors[0].Message}");
        }
    }

    public void Dispose() => _client.Dispose();
}
