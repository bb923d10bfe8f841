namespace GoChat.Secret.Wire;

/// <summary>
/// A Double Ratchet message: the header (sender's current ratchet public key, length of its previous sending
/// chain, number in the current chain) and the AES-GCM ciphertext with its tag.
/// </summary>
public sealed record RatchetMessage(byte[] RatchetKey, uint PreviousChainLength, uint Number, byte[] Ciphertext);
