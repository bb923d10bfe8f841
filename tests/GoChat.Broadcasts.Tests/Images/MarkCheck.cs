using GoChat.Broadcasts.Images;

namespace GoChat.Broadcasts.Tests.Images;

/// <summary>
/// Stands in for the Reed-Solomon decoder, which is not in this branch: a reading decodes when its errors outside
/// the erasures and half its erasures come to at most 4 (2e + f ≤ 8).
/// </summary>
internal static class MarkCheck
{
    public static bool Decodes(ImageMarkReading reading, ReadOnlySpan<byte> codeword)
    {
        if (!reading.Found || reading.Codeword.Length != codeword.Length) return false;
        var errors = 0;
        for (var i = 0; i < codeword.Length; i++)
            if (reading.Codeword[i] != codeword[i] && !reading.Erasures.Contains(i)) errors++;
        return 2 * errors + reading.Erasures.Length <= 8;
    }

    /// <summary>Wrong bits of 160, ignoring erasures; 80 (a coin) when nothing was found.</summary>
    public static int BitErrors(ImageMarkReading reading, ReadOnlySpan<byte> codeword)
    {
        if (!reading.Found) return codeword.Length * 4;
        var errors = 0;
        for (var i = 0; i < codeword.Length; i++) errors += System.Numerics.BitOperations.PopCount((uint)(reading.Codeword[i] ^ codeword[i]));
        return errors;
    }

    public static byte[] Codeword(int seed)
    {
        var bytes = new byte[ImageWatermark.CodewordBytes];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static readonly ImageMarkOptions Options = new("test key: broadcast image marks"u8.ToArray());
}
