using GoChat.Files.Storage;

namespace GoChat.Files.Tests;

/// <summary>
/// What every <see cref="IFileStore"/> must do, run against each real back end by a subclass. Each test uses files of
/// its own, so the tests of one class share one server without seeing each other.
/// </summary>
public abstract class FileStoreContract
{
    // Uneven on purpose: chunk edges fall off every power of two and off StoredFileStream's blocks.
    private static readonly int[] ChunkSizes = [1_048_569, 333_333, 5, 1_048_589, 77_777, 1];

    protected abstract IFileStore Store { get; }

    private static CancellationToken Ct => CancellationToken.None;

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Writes the bytes in order as chunks of <see cref="ChunkSizes"/>, as an upload would; returns the chunks.</summary>
    private async Task<List<StoredChunk>> WriteInChunks(Guid fileId, byte[] bytes)
    {
        var chunks = new List<StoredChunk>();
        var at = 0;
        for (var i = 0; at < bytes.Length; i++)
        {
            var size = Math.Min(ChunkSizes[i % ChunkSizes.Length], bytes.Length - at);
            await Store.WriteChunk(fileId, at, bytes.AsMemory(at, size), Ct);
            chunks.Add(new StoredChunk(at, size));
            at += size;
        }
        return chunks;
    }

    private async Task<byte[]> ReadRange(Guid fileId, long length, long start, long count)
    {
        using var into = new MemoryStream();
        await Store.CopyRange(fileId, length, start, count, into, Ct);
        return into.ToArray();
    }

    [Fact]
    public async Task Chunks_written_in_order_read_back_byte_identical()
    {
        var fileId = Guid.NewGuid();
        var bytes = RandomBytes(3_500_000, 1);
        await WriteInChunks(fileId, bytes);

        Assert.Equal(bytes, await ReadRange(fileId, bytes.Length, 0, bytes.Length));
    }

    [Fact]
    public async Task A_stored_file_read_as_a_stream_matches_its_bytes_across_seeks_and_chunk_edges()
    {
        var fileId = Guid.NewGuid();
        var bytes = RandomBytes(3_000_000, 2);
        var chunks = await WriteInChunks(fileId, bytes);
        await using var stream = new StoredFileStream(Store, fileId, bytes.Length, blockBytes: 64 * 1024);

        using (var all = new MemoryStream())
        {
            await stream.CopyToAsync(all, Ct);
            Assert.Equal(bytes, all.ToArray());
        }

        // Reads that start just before each chunk edge and run past it, reached by seeking backwards and forwards.
        foreach (var edge in chunks.Skip(1).Select(c => c.Offset).Reverse())
        {
            stream.Seek(edge - 3, SeekOrigin.Begin);
            Assert.Equal(bytes.AsSpan((int)edge - 3, 10).ToArray(), await ReadExactly(stream, 10));
        }

        stream.Seek(-100, SeekOrigin.End);
        Assert.Equal(bytes.AsSpan(bytes.Length - 100).ToArray(), await ReadExactly(stream, 100));
        Assert.Equal(0, await stream.ReadAsync(new byte[1], Ct));

        stream.Position = 1_048_560;
        stream.Seek(5, SeekOrigin.Current);
        Assert.Equal(bytes.AsSpan(1_048_565, 200_000).ToArray(), await ReadExactly(stream, 200_000));
    }

    private static async Task<byte[]> ReadExactly(Stream stream, int count)
    {
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer, Ct);
        return buffer;
    }

    [Fact]
    public async Task A_byte_range_in_the_middle_crossing_two_chunks_reads_exactly_those_bytes()
    {
        var fileId = Guid.NewGuid();
        var bytes = RandomBytes(2_000_000, 3);
        var chunks = await WriteInChunks(fileId, bytes);
        var edge = chunks[1].Offset;

        var start = edge - 1_000;
        Assert.Equal(bytes.AsSpan((int)start, 5_000).ToArray(), await ReadRange(fileId, bytes.Length, start, 5_000));
    }

    [Fact]
    public async Task Rewriting_the_chunk_at_an_offset_replaces_it_and_a_stale_chunk_off_the_chain_is_ignored()
    {
        var fileId = Guid.NewGuid();
        var first = RandomBytes(100, 4);
        var died = RandomBytes(100, 5);
        var resumed = RandomBytes(100, 6);
        await Store.WriteChunk(fileId, 0, first, Ct);
        // The first request stored [100, 180) and [180, 200) but died before the server recorded them; the resumed
        // upload goes on from 100 with chunks of other sizes, so the chunk at 180 is no longer on the chain.
        await Store.WriteChunk(fileId, 100, died.AsMemory(0, 80), Ct);
        await Store.WriteChunk(fileId, 180, died.AsMemory(80, 20), Ct);
        await Store.WriteChunk(fileId, 100, resumed.AsMemory(0, 50), Ct);
        await Store.WriteChunk(fileId, 150, resumed.AsMemory(50, 50), Ct);

        Assert.Equal(
            [new StoredChunk(0, 100), new StoredChunk(100, 50), new StoredChunk(150, 50), new StoredChunk(180, 20)],
            await Store.ListChunks(fileId, Ct));
        byte[] expected = [.. first, .. resumed];
        Assert.Equal(expected, await ReadRange(fileId, 200, 0, 200));
    }

    [Fact]
    public async Task ListChunks_reports_every_chunk_by_offset_with_its_length()
    {
        var fileId = Guid.NewGuid();
        // Written out of order, and with offsets whose digits sort differently from their values (9 < 10 < 100).
        await Store.WriteChunk(fileId, 100, RandomBytes(7, 7), Ct);
        await Store.WriteChunk(fileId, 0, RandomBytes(9, 8), Ct);
        await Store.WriteChunk(fileId, 10, RandomBytes(90, 9), Ct);
        await Store.WriteChunk(fileId, 9, RandomBytes(1, 10), Ct);
        await Store.WriteChunk(fileId, 5_000_000_000, RandomBytes(3, 11), Ct);

        Assert.Equal(
            [new StoredChunk(0, 9), new StoredChunk(9, 1), new StoredChunk(10, 90), new StoredChunk(100, 7), new StoredChunk(5_000_000_000, 3)],
            await Store.ListChunks(fileId, Ct));
    }

    [Fact]
    public async Task A_file_with_no_chunks_lists_none()
    {
        Assert.Empty(await Store.ListChunks(Guid.NewGuid(), Ct));
    }

    [Fact]
    public async Task A_file_of_more_than_a_thousand_chunks_lists_and_deletes_every_one()
    {
        // More than one page of an S3 listing and more than one DeleteObjects batch (1,000 each).
        const int count = 1_005;
        var fileId = Guid.NewGuid();
        var bytes = RandomBytes(count * 16, 12);
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, ct) => await Store.WriteChunk(fileId, i * 16, bytes.AsMemory(i * 16, 16), ct));

        Assert.Equal(Enumerable.Range(0, count).Select(i => new StoredChunk(i * 16, 16)), await Store.ListChunks(fileId, Ct));
        Assert.Equal(bytes, await ReadRange(fileId, bytes.Length, 0, bytes.Length));

        await Store.DeleteFile(fileId, Ct);
        Assert.Empty(await Store.ListChunks(fileId, Ct));
    }

    [Fact]
    public async Task Deleting_a_file_removes_every_chunk_and_deleting_it_again_is_fine()
    {
        var fileId = Guid.NewGuid();
        var bytes = RandomBytes(1_500_000, 13);
        var chunks = await WriteInChunks(fileId, bytes);

        await Store.DeleteFile(fileId, Ct);
        Assert.Empty(await Store.ListChunks(fileId, Ct));
        await Assert.ThrowsAsync<InvalidDataException>(() => Store.CopyChunk(fileId, chunks[0], 0, chunks[0].Length, Stream.Null, Ct));

        await Store.DeleteFile(fileId, Ct);
        await Store.DeleteFile(Guid.NewGuid(), Ct);
    }

    [Fact]
    public async Task Files_do_not_see_each_others_chunks()
    {
        var one = Guid.NewGuid();
        var other = Guid.NewGuid();
        var oneBytes = RandomBytes(1_200_000, 14);
        var otherBytes = RandomBytes(1_100_000, 15);
        await WriteInChunks(one, oneBytes);
        await WriteInChunks(other, otherBytes);
        // The same offset in both: neither write may replace the other file's chunk.
        await Store.WriteChunk(other, 0, otherBytes.AsMemory(0, ChunkSizes[0]), Ct);

        Assert.Equal(oneBytes, await ReadRange(one, oneBytes.Length, 0, oneBytes.Length));
        Assert.Equal(otherBytes, await ReadRange(other, otherBytes.Length, 0, otherBytes.Length));

        await Store.DeleteFile(one, Ct);
        Assert.Empty(await Store.ListChunks(one, Ct));
        Assert.Equal(otherBytes, await ReadRange(other, otherBytes.Length, 0, otherBytes.Length));
    }

    [Fact]
    public async Task A_missing_chunk_is_an_error_never_a_short_read()
    {
        var fileId = Guid.NewGuid();
        var bytes = RandomBytes(300, 16);
        await Store.WriteChunk(fileId, 0, bytes.AsMemory(0, 100), Ct);
        await Store.WriteChunk(fileId, 200, bytes.AsMemory(200, 100), Ct);

        await Assert.ThrowsAsync<InvalidDataException>(() => ReadRange(fileId, bytes.Length, 0, bytes.Length));
        await Assert.ThrowsAsync<InvalidDataException>(() => ReadRange(fileId, bytes.Length, 150, 10));
        await using (var stream = new StoredFileStream(Store, fileId, bytes.Length))
            await Assert.ThrowsAsync<InvalidDataException>(() => stream.ReadAsync(new byte[10], Ct).AsTask());
        // A chunk the caller listed but that is gone when it reads (freed meanwhile).
        await Assert.ThrowsAsync<InvalidDataException>(() => Store.CopyChunk(fileId, new StoredChunk(100, 100), 0, 100, Stream.Null, Ct));

        // The bytes that are there still read.
        Assert.Equal(bytes.AsSpan(0, 100).ToArray(), await ReadRange(fileId, bytes.Length, 0, 100));
    }

    [Fact]
    public async Task A_zero_byte_range_copies_nothing()
    {
        var fileId = Guid.NewGuid();
        var bytes = RandomBytes(1_000, 17);
        await Store.WriteChunk(fileId, 0, bytes, Ct);

        Assert.Empty(await ReadRange(fileId, bytes.Length, 500, 0));
        Assert.Empty(await ReadRange(fileId, bytes.Length, bytes.Length, 0));
        Assert.Empty(await ReadRange(Guid.NewGuid(), 0, 0, 0));
        using var into = new MemoryStream();
        await Store.CopyChunk(fileId, new StoredChunk(0, bytes.Length), 200, 0, into, Ct);
        Assert.Equal(0, into.Length);
    }
}
