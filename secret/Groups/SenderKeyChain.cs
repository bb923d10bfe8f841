using System.Security.Cryptography;
using GoChat.Secret.Keys;
using GoChat.Secret.Primitives;
using GoChat.Secret.Wire;

namespace GoChat.Secret.Groups;

/// <summary>
/// A device's own sending chain in a group (Signal's Sender Keys): a random chain id and chain key, advanced by
/// the same HMAC step as the Double Ratchet's KDF_CK, and an ECDSA key that signs every message. The chain key
/// lets members decrypt; only the signature shows that the sender, not another member, wrote it.
/// </summary>
internal sealed class SenderKeyChain
{
    public required byte[] ChainId { get; init; }
    public required uint Iteration { get; set; }
    public required byte[] ChainKey { get; set; }
    public required byte[] SigningPrivate { get; init; }
    public required byte[] SigningPublic { get; init; }

    public static SenderKeyChain Create(IEntropySource entropy)
    {
        var chainId = entropy.RandomBytes(WireFormat.ChainIdLength);
        var chainKey = entropy.RandomBytes(Kdf.KeyLength);
        using var signing = SigningKeyPair.Generate(entropy);
        return new SenderKeyChain
        {
            ChainId = chainId,
            Iteration = 0,
            ChainKey = chainKey,
            SigningPrivate = signing.ExportPrivateScalar(),
            SigningPublic = signing.PublicKey,
        };
    }

    /// <summary>The chain from where it is now: a member given it cannot read what was sent before.</summary>
    public SenderKeyDistribution Distribution() => new(ChainId, Iteration, ChainKey, SigningPublic);

    public SenderKeyMessage Encrypt(ReadOnlySpan<byte> plaintext)
    {
        var (messageKey, nextChainKey) = Kdf.Chain(ChainKey);
        using var keys = Kdf.ExpandMessageKey(messageKey, Kdf.SenderKeyMessageInfo);
        CryptographicOperations.ZeroMemory(messageKey);
        var header = WireFormat.SenderKeyHeader(ChainId, Iteration);
        var unsigned = new SenderKeyMessage(ChainId, Iteration, Aead.Seal(keys, plaintext, header), []);
        var signature = P256.Sign(SigningPrivate, WireFormat.SenderKeySignedPart(unsigned));
        // Advance before returning: with a derived nonce, sending twice from one iteration would reuse a GCM nonce.
        CryptographicOperations.ZeroMemory(ChainKey);
        ChainKey = nextChainKey;
        Iteration++;
        return unsigned with { Signature = signature };
    }
}
