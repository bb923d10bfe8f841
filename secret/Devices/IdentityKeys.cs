namespace GoChat.Secret.Devices;

/// <summary>
/// A device's two public identity keys, uncompressed SEC1: the ECDH key X3DH agrees with and the ECDSA key that
/// signs its prekeys. Both go into X3DH's associated data and the signing key into the safety number.
/// </summary>
public sealed record IdentityKeys(byte[] AgreementKey, byte[] SigningKey)
{
    public bool SameAs(IdentityKeys other) =>
        AgreementKey.AsSpan().SequenceEqual(other.AgreementKey) && SigningKey.AsSpan().SequenceEqual(other.SigningKey);
}
