using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using GoChat.Secret.Keys;

namespace GoChat.Secret;

/// <summary>
/// The number two people compare to know no one sits between them: 60 digits, 30 from each side's identity
/// signing key and user id, the lower half first so both phones show the same. Built like Signal's displayable
/// fingerprint (iterated hash, 5-byte chunks mod 100000), with SHA-256 in place of SHA-512 because 30 bytes are
/// all that is used and SHA-256 is the hash every other step here uses.
/// </summary>
public sealed record SafetyNumber(string Digits)
{
    public const int Iterations = 5200;
    private const ushort FormatVersion = 1;

    public static SafetyNumber Compute(string localUserId, byte[] localSigningKey, string remoteUserId, byte[] remoteSigningKey)
    {
        var local = Half(localUserId, localSigningKey);
        var remote = Half(remoteUserId, remoteSigningKey);
        return new SafetyNumber(string.CompareOrdinal(local, remote) <= 0 ? local + remote : remote + local);
    }

    /// <summary>
    /// One side's 30 digits: H0 = SHA-256(version u16 || key || user id), Hi = SHA-256(Hi-1 || key), 5200 times;
    /// then six 5-byte big-endian chunks of the result, each mod 100000, zero-padded to five digits.
    /// </summary>
    internal static string Half(string userId, byte[] signingKey)
    {
        if (signingKey.Length != P256.PublicKeyLength)
            throw new SecretException(SecretError.InvalidKey);
        var id = Encoding.UTF8.GetBytes(userId);
        var first = new byte[2 + signingKey.Length + id.Length];
        BinaryPrimitives.WriteUInt16BigEndian(first, FormatVersion);
        signingKey.CopyTo(first, 2);
        id.CopyTo(first, 2 + signingKey.Length);
        var hash = SHA256.HashData(first);

        var next = new byte[hash.Length + signingKey.Length];
        signingKey.CopyTo(next, hash.Length);
        for (var i = 0; i < Iterations; i++)
        {
            hash.CopyTo(next, 0);
            hash = SHA256.HashData(next);
        }

        var digits = new StringBuilder(30);
        for (var chunk = 0; chunk < 6; chunk++)
        {
            ulong value = 0;
            for (var b = 0; b < 5; b++)
                value = (value << 8) | hash[chunk * 5 + b];
            digits.Append((value % 100000).ToString("D5", System.Globalization.CultureInfo.InvariantCulture));
        }
        return digits.ToString();
    }

    /// <summary>Twelve groups of five digits separated by spaces, as shown on screen.</summary>
    public override string ToString() =>
        string.Join(' ', Enumerable.Range(0, 12).Select(g => Digits.Substring(g * 5, 5)));
}
