namespace GoChat.Files.Storage;

/// <summary>
/// Where a file's bytes live, as a chain of chunks keyed by their offset: PostgreSQL rows by default
/// (<see cref="PostgresFileStore"/>), objects in an S3-compatible store when an agency runs one. An upload writes one
/// chunk per buffer it fills, so a dropped connection keeps every byte that arrived and a resumed upload goes on from
/// there. Rewriting the chunk at an offset replaces it: a chunk written by a request that died before its offset was
/// recorded is overwritten by the resumed one.
/// </summary>
public interface IFileStore
{
    /// <summary>"postgres" or "s3": recorded with each file, so a change of configuration never loses an old file.</summary>
    string Name { get; }

    /// <summary>Stores (or replaces) the chunk that starts at <paramref name="offset"/>.</summary>
    Task WriteChunk(Guid fileId, long offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>Every chunk stored for the file, by offset. Readers follow the chain from 0 (<see cref="FileChunks.Chain"/>).</summary>
    Task<IReadOnlyList<StoredChunk>> ListChunks(Guid fileId, CancellationToken cancellationToken);

    /// <summary>Copies <paramref name="count"/> bytes of a chunk, from <paramref name="skip"/> bytes into it, to the destination.</summary>
    Task CopyChunk(Guid fileId, StoredChunk chunk, int skip, int count, Stream destination, CancellationToken cancellationToken);

    /// <summary>
    /// Moves one chunk to another file at the same offset, replacing a chunk there. An upload request writes its chunks
    /// under an id of its own and the upload's grain, one request at a time, moves each into the file once it is the
    /// next: a request that lost its connection (or its turn) can never change bytes that are already part of the file.
    /// </summary>
    Task MoveChunk(Guid fromFileId, long offset, Guid toFileId, CancellationToken cancellationToken);

    /// <summary>Removes every chunk of the file; removing a file that has none is not an error.</summary>
    Task DeleteFile(Guid fileId, CancellationToken cancellationToken);
}

/// <summary>One stored chunk: the bytes [Offset, Offset + Length) of its file.</summary>
public readonly record struct StoredChunk(long Offset, int Length)
{
    public long End => Offset + Length;
}
