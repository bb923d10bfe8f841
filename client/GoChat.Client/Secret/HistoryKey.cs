using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace GoChat.Client.Secret;

/// <summary>
/// A user's history key (issue 17, item 5): a symmetric key every one of their devices seals what it decrypted under,
/// for the encrypted history store, so a new device that obtains it reads the past that the Double Ratchet's deleted
/// keys can no longer open. Entries are AES-256-GCM under a key derived from it, bound to their chat and seq so the
/// server cannot move an entry to another message.
/// </summary>
public sealed class HistoryKey
{
    public const int KeyBytes = 32;
    private const int NonceBytes = 12, TagBytes = 16;
    private static readonly byte[] EntryInfo = Encoding.ASCII.GetBytes("GoChat-History-Entry-v1");

    private readonly byte[] _key;
    private readonly byte[] _entryKey;

    private HistoryKey(byte[] key)
    {
        _key = key;
        _entryKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, key, KeyBytes, new byte[32], EntryInfo);
    }

    public static HistoryKey Generate() => new(RandomNumberGenerator.GetBytes(KeyBytes));

    /// <summary>The raw key, for wrapping under a passcode or handing to the user's own new device; nothing else.</summary>
    internal ReadOnlySpan<byte> Raw => _key;

    internal static HistoryKey FromRaw(ReadOnlySpan<byte> raw) =>
        raw.Length == KeyBytes ? new HistoryKey(raw.ToArray()) : throw new CryptographicException("A history key is 32 bytes.");

    /// <summary>nonce || ciphertext || tag of one message's payload.</summary>
    public byte[] Seal(Guid conversationId, long seq, ReadOnlySpan<byte> payload)
    {
        var blob = new byte[NonceBytes + payload.Length + TagBytes];
        RandomNumberGenerator.Fill(blob.AsSpan(0, NonceBytes));
        using var aes = new AesGcm(_entryKey, TagBytes);
        aes.Encrypt(blob.AsSpan(0, NonceBytes), payload, blob.AsSpan(NonceBytes, payload.Length), blob.AsSpan(NonceBytes + payload.Length), Ad(conversationId, seq));
        return blob;
    }

    /// <summary>Opens an entry; a tampered one, or one moved to another chat or seq, throws <see cref="AuthenticationTagMismatchException"/>.</summary>
    public byte[] Open(Guid conversationId, long seq, ReadOnlySpan<byte> blob)
    {
        if (blob.Length < NonceBytes + TagBytes) throw new CryptographicException("A history entry is too short.");
        var payload = new byte[blob.Length - NonceBytes - TagBytes];
        using var aes = new AesGcm(_entryKey, TagBytes);
        aes.Decrypt(blob[..NonceBytes], blob[NonceBytes..^TagBytes], blob[^TagBytes..], payload, Ad(conversationId, seq));
        return payload;
    }

    /// <summary>conversation id (16 bytes, RFC 4122 order) || u64 seq.</summary>
    private static byte[] Ad(Guid conversationId, long seq)
    {
        var ad = new byte[24];
        conversationId.TryWriteBytes(ad, bigEndian: true, out _);
        BinaryPrimitives.WriteInt64BigEndian(ad.AsSpan(16), seq);
        return ad;
    }
}
