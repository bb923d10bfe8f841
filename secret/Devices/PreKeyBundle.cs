using GoChat.Secret.Keys;

namespace GoChat.Secret.Devices;

/// <summary>
/// What the key directory hands an initiator for one device: its identity keys, its current signed prekey and at
/// most one of a one-time prekey (preferred) or the last-resort prekey.
/// </summary>
public sealed record PreKeyBundle(
    IdentityKeys Identity,
    SignedPreKey SignedPreKey,
    OneTimePreKey? OneTimePreKey,
    LastResortPreKey? LastResortPreKey)
{
    /// <summary>
    /// Checks the signatures and the keys before anything is derived from them: a bundle is served by the
    /// server, which must not be able to slip in a prekey of its own.
    /// </summary>
    public void Verify()
    {
        P256.Validate(Identity.AgreementKey);
        P256.Validate(Identity.SigningKey);
        P256.Validate(SignedPreKey.PublicKey);
        if (!SigningKeyPair.Verify(Identity.SigningKey,
                PreKeySignatures.SignedPreKeyMessage(SignedPreKey.Id, SignedPreKey.PublicKey), SignedPreKey.Signature))
            throw new SecretException(SecretError.BadSignature);
        if (OneTimePreKey is { } oneTime)
            P256.Validate(oneTime.PublicKey);
        if (LastResortPreKey is { } lastResort)
        {
            P256.Validate(lastResort.PublicKey);
            if (!SigningKeyPair.Verify(Identity.SigningKey,
                    PreKeySignatures.LastResortMessage(lastResort.Id, lastResort.PublicKey), lastResort.Signature))
                throw new SecretException(SecretError.BadSignature);
        }
    }
}
