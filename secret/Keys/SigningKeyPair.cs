using System.Security.Cryptography;

namespace GoChat.Secret.Keys;

/// <summary>
/// A P-256 ECDSA (SHA-256) key pair: a device's identity signing key and a sender-key chain's signing key.
/// Signatures are randomized (as WebCrypto's are), so they are verified in tests, never compared.
/// </summary>
public sealed class SigningKeyPair : IDisposable
{
    private readonly byte[] _private;

    private SigningKeyPair(byte[] privateScalar, byte[] publicKey)
    {
        _private = privateScalar;
        PublicKey = publicKey;
    }

    /// <summary>Uncompressed SEC1, 65 bytes.</summary>
    public byte[] PublicKey { get; }

    public static SigningKeyPair Generate(IEntropySource? entropy = null) =>
        FromPrivateScalar((entropy ?? SystemEntropy.Instance).NewPrivateScalar());

    public static SigningKeyPair FromPrivateScalar(ReadOnlySpan<byte> privateScalar) =>
        new(privateScalar.ToArray(), P256.PublicKeyOf(privateScalar));

    /// <summary>IEEE P1363 r||s, 64 bytes.</summary>
    public byte[] Sign(ReadOnlySpan<byte> data) => P256.Sign(_private, data);

    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        P256.Verify(publicKey, data, signature);

    internal byte[] ExportPrivateScalar() => _private.ToArray();

    public void Dispose() => CryptographicOperations.ZeroMemory(_private);
}
