using System.Security.Cryptography;

namespace GoChat.Secret.Keys;

/// <summary>
/// A P-256 ECDH key pair: identity agreement keys, prekeys, ephemeral and ratchet keys. Never used to sign; the
/// signing keys are <see cref="SigningKeyPair"/>s, because one WebCrypto key cannot do both.
/// </summary>
public sealed class AgreementKeyPair : IDisposable
{
    private readonly byte[] _private;

    private AgreementKeyPair(byte[] privateScalar, byte[] publicKey)
    {
        _private = privateScalar;
        PublicKey = publicKey;
    }

    /// <summary>Uncompressed SEC1, 65 bytes.</summary>
    public byte[] PublicKey { get; }

    internal ReadOnlySpan<byte> PrivateScalar => _private;

    public static AgreementKeyPair Generate(IEntropySource? entropy = null) =>
        FromPrivateScalar((entropy ?? SystemEntropy.Instance).NewPrivateScalar());

    public static AgreementKeyPair FromPrivateScalar(ReadOnlySpan<byte> privateScalar) =>
        new(privateScalar.ToArray(), P256.PublicKeyOf(privateScalar));

    internal byte[] Agree(ReadOnlySpan<byte> remotePublicKey) => P256.Agree(_private, remotePublicKey);

    internal byte[] ExportPrivateScalar() => _private.ToArray();

    public void Dispose() => CryptographicOperations.ZeroMemory(_private);
}
