namespace GoChat.Files.Types;

internal static class ByteSpans
{
    /// <summary>Whether the data starts with these bytes; written out as numbers, as format specifications give them.</summary>
    public static bool Opens(this ReadOnlySpan<byte> data, params ReadOnlySpan<byte> signature) => data.StartsWith(signature);
}
