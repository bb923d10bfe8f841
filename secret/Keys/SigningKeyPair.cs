namespace GoChat.Secret.Keys;

/// <summary>
/// A P-256 ECDSA (SHA-256) key pair: a device's identity signing key and a sender-key chain's signing key.
/// Signatures are randomized (as WebCrypto's are), so they are verified in tests, never compared.
/// </summary>
public sealed class SigningKeyPair : P256KeyPair
{
    private SigningKeyPair(ReadOnlySpan<byte> privateScalar) : base(privateScalar) { }

    public static SigningKeyPair Generate(IEntropySource? entropy = null) =>
        new((entropy ?? SystemEntropy.Instance).NewPrivateScalar());

    public static SigningKeyPair FromPrivateScalar(ReadOnlySpan<byte> privateScalar) => new(privateScalar);

    /// <summary>IEEE P1363 r||s, 64 bytes.</summary>
    public byte[] Sign(ReadOnlySpan<byte> data) => P256.Sign(PrivateScalar, data);

    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        P256.Verify(publicKey, data, signature);
}
