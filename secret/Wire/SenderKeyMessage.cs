namespace GoChat.Secret.Wire;

/// <summary>A group message: chain id, iteration, AES-GCM ciphertext with tag, and the chain's ECDSA signature.</summary>
public sealed record SenderKeyMessage(byte[] ChainId, uint Iteration, byte[] Ciphertext, byte[] Signature);
