namespace GoChat.Secret.Keys;

/// <summary>
/// A P-256 ECDH key pair: identity agreement keys, prekeys, ephemeral and ratchet keys. Never used to sign; the
/// signing keys are <see cref="SigningKeyPair"/>s, because one WebCrypto key cannot do both.
/// </summary>
public sealed class AgreementKeyPair : P256KeyPair
{
    private AgreementKeyPair(ReadOnlySpan<byte> privateScalar) : base(privateScalar) { }

    public static AgreementKeyPair Generate(IEntropySource? entropy = null) =>
        new((entropy ?? SystemEntropy.Instance).NewPrivateScalar());

    public static AgreementKeyPair FromPrivateScalar(ReadOnlySpan<byte> privateScalar) => new(privateScalar);

    internal byte[] Agree(ReadOnlySpan<byte> remotePublicKey) => P256.Agree(PrivateScalar, remotePublicKey);
}
