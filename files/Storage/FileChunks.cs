namespace GoChat.Files.Storage;

/// <summary>Reads a stored file back from its chunks: the whole of it or a byte range, as a download asks.</summary>
public static class FileChunks
{
    /// <summary>
    /// The chunks that make up the file's first <paramref name="length"/> bytes, following offsets from 0. A chunk off
    /// the chain (left by a request that died before its offset was recorded) is ignored. Throws when a byte is missing.
    /// </summary>
    public static IReadOnlyList<StoredChunk> Chain(IReadOnlyList<StoredChunk> stored, long length)
    {
        var byOffset = new Dictionary<long, StoredChunk>(stored.Count);
        foreach (var chunk in stored) byOffset[chunk.Offset] = chunk;
        var chain = new List<StoredChunk>(stored.Count);
        long at = 0;
        while (at < length)
        {
            if (!byOffset.TryGetValue(at, out var next) || next.Length == 0)
                throw new InvalidDataException($"The stored file has no chunk at offset {at} of {length}.");
            chain.Add(next);
            at = next.End;
        }
        return chain;
    }

    /// <summary>Copies bytes [start, start + count) of a file of <paramref name="length"/> bytes to the destination.</summary>
    public static async Task CopyRange(this IFileStore store, Guid fileId, long length, long start, long count, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (start + count > length) throw new ArgumentOutOfRangeException(nameof(count), "The range passes the end of the file.");
        if (count == 0) return;
        var chain = Chain(await store.ListChunks(fileId, cancellationToken), start + count);
        await store.CopyAlong(fileId, chain, start, start + count, destination, cancellationToken);
    }

    /// <summary>Copies bytes [start, end) of a file, whose chain the caller already has, to the destination.</summary>
    public static async Task CopyAlong(this IFileStore store, Guid fileId, IReadOnlyList<StoredChunk> chain, long start, long end, Stream destination, CancellationToken cancellationToken)
    {
        foreach (var chunk in chain)
        {
            if (chunk.End <= start) continue;
            if (chunk.Offset >= end) break;
            var from = Math.Max(start, chunk.Offset);
            var to = Math.Min(end, chunk.End);
            await store.CopyChunk(fileId, chunk, (int)(from - chunk.Offset), (int)(to - from), destination, cancellationToken);
        }
    }
}
