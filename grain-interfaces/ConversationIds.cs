using System.Security.Cryptography;

namespace GoChat.GrainInterfaces;

public static class ConversationIds
{
    /// <summary>
    /// The id of the one direct conversation between two users, whoever starts it: a name-based
    /// (SHA-256 truncated) id over the ordered pair, so creating it twice lands on the same grain.
    /// </summary>
    public static Guid Direct(Guid a, Guid b)
    {
        var (lo, hi) = a.CompareTo(b) <= 0 ? (a, b) : (b, a);
        Span<byte> input = stackalloc byte[32];
        lo.TryWriteBytes(input[..16]);
        hi.TryWriteBytes(input[16..]);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        hash[7] = (byte)((hash[7] & 0x0F) | 0x50); // version nibble, so it reads as a name-based id
        return new Guid(hash[..16]);
    }
}
