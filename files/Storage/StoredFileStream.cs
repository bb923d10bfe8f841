namespace GoChat.Files.Storage;

/// <summary>
/// A stored file as a seekable, read-only stream, for the readers that need one: the type sniffer opens a zip's
/// central directory at its end, the image decoder reads a header before the pixels. It reads a block at a time, so
/// a reader's many small reads do not each cost a round trip to the store.
/// </summary>
public sealed class StoredFileStream(IFileStore store, Guid fileId, long length, int blockBytes = StoredFileStream.DefaultBlockBytes) : Stream
{
    public const int DefaultBlockBytes = 256 * 1024;

    private readonly byte[] _block = new byte[Math.Max(4096, blockBytes)];
    private IReadOnlyList<StoredChunk>? _chain;
    private long _blockStart = -1;
    private int _blockLength;
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => _position = value is >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        // Sync readers (System.IO.Compression's ZipArchive, SkiaSharp's codecs) have no async path; the caller runs them
        // off the request and grain threads.
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position >= length || buffer.Length == 0) return 0;
        if (_position < _blockStart || _position >= _blockStart + _blockLength) await Fill(cancellationToken);
        var from = (int)(_position - _blockStart);
        var n = Math.Min(buffer.Length, _blockLength - from);
        _block.AsSpan(from, n).CopyTo(buffer.Span);
        _position += n;
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private async Task Fill(CancellationToken cancellationToken)
    {
        _chain ??= FileChunks.Chain(await store.ListChunks(fileId, cancellationToken), length);
        var start = _position;
        var count = (int)Math.Min(_block.Length, length - start);
        using var into = new MemoryStream(_block, 0, count, writable: true);
        await store.CopyAlong(fileId, _chain, start, start + count, into, cancellationToken);
        _blockStart = start;
        _blockLength = count;
    }

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        SeekOrigin.End => length + offset,
        _ => throw new ArgumentOutOfRangeException(nameof(origin)),
    };

    public override void Flush() { }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
