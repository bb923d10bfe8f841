namespace GoChat.Files.Tests.Scanning;

/// <summary>
/// <paramref name="length"/> pseudo-random bytes made as they are read, then <paramref name="tail"/>: a large upload
/// the test never holds in memory. Counts the reads, so a test can see the scanner took it a chunk at a time.
/// </summary>
internal sealed class GeneratedStream(long length, byte[] tail) : Stream
{
    private ulong _state = 0x9E3779B97F4A7C15;
    private long _position;

    public long Total => length + tail.Length;
    public int Reads { get; private set; }
    public int LargestRead { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        Reads++;
        LargestRead = Math.Max(LargestRead, buffer.Length);
        var count = (int)Math.Min(buffer.Length, Total - _position);
        for (var i = 0; i < count; i++, _position++)
        {
            if (_position < length)
            {
                // xorshift64: cheap, and random enough that clamd sees plain binary data.
                _state ^= _state << 13;
                _state ^= _state >> 7;
                _state ^= _state << 17;
                buffer[i] = (byte)_state;
            }
            else
            {
                buffer[i] = tail[_position - length];
            }
        }
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
