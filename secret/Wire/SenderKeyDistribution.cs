namespace GoChat.Secret.Wire;

/// <summary>
/// A member device's sending chain as its receivers need it: chain id, the iteration the chain key belongs to,
/// the chain key and the chain's signing public key. Carried only inside a pairwise ratchet message.
/// </summary>
public sealed record SenderKeyDistribution(byte[] ChainId, uint Iteration, byte[] ChainKey, byte[] SigningKey);
