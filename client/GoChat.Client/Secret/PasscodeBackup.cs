using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace GoChat.Client.Secret;

/// <summary>
/// The device's half of the passcode backup (docs/secret-chats/protocol.md, "Passcode backup"). The passcode is
/// stretched with PBKDF2-SHA256; from that come two unrelated values, a proof the server checks and the material the
/// history key is wrapped with, joined to a share the server releases only for a right proof. The server sees the
/// proof, never the wrapping material; a copy of its database holds neither the share nor a way to test a guess.
/// </summary>
public static class PasscodeBackup
{
    public const int Iterations = 600_000;
    public const int SaltBytes = 16;
    public const int MinPasscodeLength = 6;

    private const int NonceBytes = 12, TagBytes = 16;
    private static readonly byte[] ZeroSalt = new byte[32];
    private static readonly byte[] WrappedAd = Encoding.ASCII.GetBytes("GoChat-HistoryKey-v1");

    /// <summary>What a passcode stretches to: the proof for the server and the wrapping material the device keeps.</summary>
    public sealed record Stretched(byte[] Proof, byte[] WrapMaterial);

    public static byte[] NewSalt() => RandomNumberGenerator.GetBytes(SaltBytes);

    public static Stretched Stretch(string passcode, byte[] salt, int iterations = Iterations)
    {
        if (passcode.Length < MinPasscodeLength) throw new ArgumentException($"A passcode has at least {MinPasscodeLength} characters.", nameof(passcode));
        var stretched = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(passcode), salt, iterations, HashAlgorithmName.SHA256, 32);
        return new Stretched(
            HKDF.DeriveKey(HashAlgorithmName.SHA256, stretched, 32, ZeroSalt, Encoding.ASCII.GetBytes("GoChat-Backup-Proof-v1")),
            HKDF.DeriveKey(HashAlgorithmName.SHA256, stretched, 32, ZeroSalt, Encoding.ASCII.GetBytes("GoChat-Backup-Wrap-v1")));
    }

    /// <summary>nonce || AES-256-GCM of the history key under the key made from the wrapping material and the share.</summary>
    public static byte[] Wrap(HistoryKey key, Stretched stretched, byte[] share, Guid user, int version)
    {
        var wrapped = new byte[NonceBytes + HistoryKey.KeyBytes + TagBytes];
        RandomNumberGenerator.Fill(wrapped.AsSpan(0, NonceBytes));
        using var aes = new AesGcm(WrapKey(stretched, share, user, version), TagBytes);
        aes.Encrypt(wrapped.AsSpan(0, NonceBytes), key.Raw, wrapped.AsSpan(NonceBytes, HistoryKey.KeyBytes), wrapped.AsSpan(NonceBytes + HistoryKey.KeyBytes), WrappedAd);
        return wrapped;
    }

    /// <summary>The history key back; a wrong passcode or share throws <see cref="AuthenticationTagMismatchException"/>.</summary>
    public static HistoryKey Unwrap(byte[] wrapped, Stretched stretched, byte[] share, Guid user, int version)
    {
        if (wrapped.Length != NonceBytes + HistoryKey.KeyBytes + TagBytes) throw new CryptographicException("A wrapped history key has the wrong size.");
        var raw = new byte[HistoryKey.KeyBytes];
        using var aes = new AesGcm(WrapKey(stretched, share, user, version), TagBytes);
        aes.Decrypt(wrapped.AsSpan(0, NonceBytes), wrapped.AsSpan(NonceBytes, HistoryKey.KeyBytes), wrapped.AsSpan(NonceBytes + HistoryKey.KeyBytes), raw, WrappedAd);
        return HistoryKey.FromRaw(raw);
    }

    /// <summary>HKDF(salt = share, ikm = wrapping material, info = "GoChat-Backup-Key-v1" || user id || u32 version).</summary>
    private static byte[] WrapKey(Stretched stretched, byte[] share, Guid user, int version)
    {
        var label = Encoding.ASCII.GetBytes("GoChat-Backup-Key-v1");
        var info = new byte[label.Length + 20];
        label.CopyTo(info, 0);
        user.TryWriteBytes(info.AsSpan(label.Length, 16), bigEndian: true, out _);
        BinaryPrimitives.WriteUInt32BigEndian(info.AsSpan(label.Length + 16), (uint)version);
        return HKDF.DeriveKey(HashAlgorithmName.SHA256, stretched.WrapMaterial, 32, share, info);
    }
}
