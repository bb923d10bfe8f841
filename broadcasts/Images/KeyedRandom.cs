using System.Security.Cryptography;
using System.Text;

namespace GoChat.Broadcasts.Images;

/// <summary>
/// SplitMix64 seeded from HMAC-SHA256(key, purpose). The layout of a mark must be the same on every machine and
/// every .NET version for as long as marked copies circulate, which <see cref="Random"/> does not promise.
/// </summary>
internal struct KeyedRandom
{
    private ulong _state;

    public KeyedRandom(ReadOnlySpan<byte> key, string purpose)
    {
        Span<byte> digest = stackalloc byte[32];
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(purpose), digest);
        _state = BitConverter.ToUInt64(digest);
    }

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, bound); the modulo bias is below 2^-50 for the bounds used here.</summary>
    public int Below(int bound) => (int)(Next() % (ulong)bound);

    public int Sign() => (Next() & 1) == 0 ? 1 : -1;
}
