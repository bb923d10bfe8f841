using System.Security.Cryptography;
using GoChat.Secret.Keys;
using GoChat.Secret.Primitives;
using GoChat.Secret.Wire;

namespace GoChat.Secret.Groups;

/// <summary>
/// Another member device's chain as this device received it: the next expected iteration, the chain key for it,
/// and the keys of iterations skipped on the way (kept up to the window, deleted once used).
/// </summary>
internal sealed class SenderKeyReceiver
{
    public const int MaxSkip = 1000;
    public const int MaxStoredSkippedKeys = 2000;

    public required byte[] ChainId { get; init; }
    public required byte[] SigningKey { get; init; }
    public required uint Iteration { get; set; }
    public required byte[] ChainKey { get; set; }
    public List<SkippedSenderKey> SkippedKeys { get; set; } = [];

    public static SenderKeyReceiver From(SenderKeyDistribution distribution)
    {
        P256.Validate(distribution.SigningKey);
        return new SenderKeyReceiver
        {
            ChainId = distribution.ChainId,
            SigningKey = distribution.SigningKey,
            Iteration = distribution.Iteration,
            ChainKey = distribution.ChainKey,
        };
    }

    /// <summary>Signature first, then the key: an unsigned or forged message never moves the chain.</summary>
    public byte[] Decrypt(SenderKeyMessage message)
    {
        if (!P256.Verify(SigningKey, WireFormat.SenderKeySignedPart(message), message.Signature))
            throw new SecretException(SecretError.BadSignature);
        if (message.Iteration < Iteration)
            return DecryptSkipped(message);
        if ((long)message.Iteration - Iteration > MaxSkip)
            throw new SecretException(SecretError.TooFarAhead);

        var skipped = new List<SkippedSenderKey>();
        var chainKey = ChainKey;
        for (var i = Iteration; i < message.Iteration; i++)
        {
            var (skippedKey, next) = Kdf.Chain(chainKey);
            skipped.Add(new SkippedSenderKey(i, skippedKey));
            chainKey = next;
        }
        var (messageKey, nextChainKey) = Kdf.Chain(chainKey);
        var plaintext = Open(message, messageKey);

        SkippedKeys.AddRange(skipped);
        if (SkippedKeys.Count > MaxStoredSkippedKeys)
            SkippedKeys.RemoveRange(0, SkippedKeys.Count - MaxStoredSkippedKeys);
        ChainKey = nextChainKey;
        Iteration = message.Iteration + 1;
        return plaintext;
    }

    private byte[] DecryptSkipped(SenderKeyMessage message)
    {
        var index = SkippedKeys.FindIndex(k => k.Iteration == message.Iteration);
        if (index < 0)
            throw new SecretException(SecretError.Replayed);
        var plaintext = Open(message, SkippedKeys[index].MessageKey.ToArray());
        CryptographicOperations.ZeroMemory(SkippedKeys[index].MessageKey);
        SkippedKeys.RemoveAt(index);
        return plaintext;
    }

    private static byte[] Open(SenderKeyMessage message, byte[] messageKey)
    {
        using var keys = Kdf.ExpandMessageKey(messageKey, Kdf.SenderKeyMessageInfo);
        CryptographicOperations.ZeroMemory(messageKey);
        return Aead.Open(keys, message.Ciphertext, WireFormat.SenderKeyHeader(message.ChainId, message.Iteration));
    }
}

/// <summary>The message key of an iteration that has not arrived yet.</summary>
internal sealed record SkippedSenderKey(uint Iteration, byte[] MessageKey);
