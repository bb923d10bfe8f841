namespace GoChat.Files.Types;

internal static class StreamReads
{
    /// <summary>Reads <paramref name="buffer"/>.Length bytes from <paramref name="offset"/>, fewer only where the stream ends.</summary>
    public static async Task<int> ReadAt(this Stream stream, long offset, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (offset >= stream.Length) return 0;
        stream.Position = offset;
        return await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
    }
}
