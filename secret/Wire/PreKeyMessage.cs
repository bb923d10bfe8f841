namespace GoChat.Secret.Wire;

/// <summary>
/// The initiator's messages until it hears back: the X3DH values the responder needs to compute the same SK
/// (initiator identity keys, ephemeral key, ids of the prekeys used) around an ordinary ratchet message.
/// </summary>
public sealed record PreKeyMessage(
    byte[] IdentityAgreementKey,
    byte[] IdentitySigningKey,
    byte[] EphemeralKey,
    uint SignedPreKeyId,
    OneTimeKeyKind OneTimeKeyKind,
    uint OneTimePreKeyId,
    RatchetMessage Message);
