using System.Security.Cryptography;
using GoChat.Secret.Keys;
using GoChat.Secret.Primitives;
using GoChat.Secret.Wire;

namespace GoChat.Secret.Sessions;

/// <summary>
/// The Double Ratchet algorithm (Signal's specification, section 3) over <see cref="RatchetState"/>, with P-256
/// ECDH and AES-256-GCM. Decrypt mutates the state it is given even when it fails half-way; the session hands it
/// a copy and keeps that only on success, so a forged message changes nothing.
/// </summary>
internal static class DoubleRatchet
{
    /// <summary>The most message keys one message may make a receiving chain skip (MAX_SKIP).</summary>
    public const int MaxSkip = 1000;
    /// <summary>The most skipped keys kept in all; the oldest go first, so a flood cannot grow the state forever.</summary>
    public const int MaxStoredSkippedKeys = 2000;
    private const int MaxRetiredRemoteKeys = 32;

    /// <summary>Alice: a fresh ratchet key, one DH ratchet step against Bob's signed prekey, and she can send.</summary>
    public static RatchetState InitInitiator(
        X3dhAgreement agreement, Devices.IdentityKeys local, Devices.IdentityKeys remote,
        byte[] remoteSignedPreKey, IEntropySource entropy)
    {
        using var ratchet = AgreementKeyPair.Generate(entropy);
        var dh = ratchet.Agree(remoteSignedPreKey);
        var (rootKey, sendingChain) = Kdf.Root(agreement.SharedSecret, dh);
        CryptographicOperations.ZeroMemory(dh);
        return new RatchetState
        {
            LocalIdentity = local,
            RemoteIdentity = remote,
            AssociatedData = agreement.AssociatedData,
            BaseKey = agreement.EphemeralKey,
            RootKey = rootKey,
            SendingRatchetPrivate = ratchet.ExportPrivateScalar(),
            SendingRatchetPublic = ratchet.PublicKey,
            RemoteRatchetKey = remoteSignedPreKey,
            SendingChainKey = sendingChain,
            PendingPreKey = new PendingPreKey(agreement.EphemeralKey, agreement.SignedPreKeyId,
                agreement.OneTimeKeyKind, agreement.OneTimePreKeyId),
        };
    }

    /// <summary>Bob: his signed prekey is his first ratchet key; he can send once Alice's first message arrives.</summary>
    public static RatchetState InitResponder(
        X3dhAgreement agreement, Devices.IdentityKeys local, Devices.IdentityKeys remote, AgreementKeyPair signedPreKey) =>
        new()
        {
            LocalIdentity = local,
            RemoteIdentity = remote,
            AssociatedData = agreement.AssociatedData,
            BaseKey = agreement.EphemeralKey,
            RootKey = agreement.SharedSecret.ToArray(),
            SendingRatchetPrivate = signedPreKey.ExportPrivateScalar(),
            SendingRatchetPublic = signedPreKey.PublicKey,
        };

    public static RatchetMessage Encrypt(RatchetState state, ReadOnlySpan<byte> plaintext)
    {
        var chainKey = state.SendingChainKey ?? throw new SecretException(SecretError.InvalidState);
        var (messageKey, nextChainKey) = Kdf.Chain(chainKey);
        state.SendingChainKey = nextChainKey;
        var header = new RatchetMessage(state.SendingRatchetPublic, state.PreviousSendCount, state.SendCount, []);
        state.SendCount++;
        using var keys = ExpandAndForget(messageKey);
        var ciphertext = Aead.Seal(keys, plaintext, AssociatedData(state, header));
        return header with { Ciphertext = ciphertext };
    }

    public static byte[] Decrypt(RatchetState state, RatchetMessage message, IEntropySource entropy)
    {
        var skipped = state.SkippedKeys.FindIndex(k => k.Number == message.Number && k.RatchetKey.AsSpan().SequenceEqual(message.RatchetKey));
        if (skipped >= 0)
        {
            var key = state.SkippedKeys[skipped];
            var plaintext = Open(state, message, key.MessageKey);
            state.SkippedKeys.RemoveAt(skipped);
            CryptographicOperations.ZeroMemory(key.MessageKey);
            return plaintext;
        }

        // No receiving chain yet (the initiator before its first reply) means any key starts one: even Bob's signed
        // prekey, which the initiator holds as its remote key without a chain for it.
        if (state.ReceivingChainKey is null || !state.RemoteRatchetKey!.AsSpan().SequenceEqual(message.RatchetKey))
        {
            if (state.RetiredRemoteKeys.Any(k => k.AsSpan().SequenceEqual(message.RatchetKey)))
                throw new SecretException(SecretError.Replayed);
            SkipMessageKeys(state, message.PreviousChainLength);
            RatchetStep(state, message.RatchetKey, entropy);
        }

        if (message.Number < state.ReceiveCount)
            throw new SecretException(SecretError.Replayed);
        SkipMessageKeys(state, message.Number);
        var (messageKey, nextChainKey) = Kdf.Chain(state.ReceivingChainKey!);
        state.ReceivingChainKey = nextChainKey;
        state.ReceiveCount++;
        try
        {
            return Open(state, message, messageKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(messageKey);
        }
    }

    /// <summary>The key derivations of one step, for the known-answer tests and their generator.</summary>
    public static MessageKeys MessageKeysFor(ReadOnlySpan<byte> chainKey) =>
        Kdf.ExpandMessageKey(Kdf.Chain(chainKey).MessageKey, Kdf.RatchetMessageInfo);

    private static void SkipMessageKeys(RatchetState state, uint until)
    {
        if (state.ReceivingChainKey is null)
            return;
        if ((long)state.ReceiveCount + MaxSkip < until)
            throw new SecretException(SecretError.TooFarAhead);
        while (state.ReceiveCount < until)
        {
            var (messageKey, nextChainKey) = Kdf.Chain(state.ReceivingChainKey);
            state.SkippedKeys.Add(new SkippedMessageKey(state.RemoteRatchetKey!, state.ReceiveCount, messageKey));
            state.ReceivingChainKey = nextChainKey;
            state.ReceiveCount++;
        }
        if (state.SkippedKeys.Count > MaxStoredSkippedKeys)
            state.SkippedKeys.RemoveRange(0, state.SkippedKeys.Count - MaxStoredSkippedKeys);
    }

    /// <summary>The DH ratchet: a receiving chain from the new remote key, then a new own key and sending chain.</summary>
    private static void RatchetStep(RatchetState state, byte[] remoteRatchetKey, IEntropySource entropy)
    {
        P256.Validate(remoteRatchetKey);
        if (state.RemoteRatchetKey is not null)
        {
            state.RetiredRemoteKeys.Add(state.RemoteRatchetKey);
            if (state.RetiredRemoteKeys.Count > MaxRetiredRemoteKeys)
                state.RetiredRemoteKeys.RemoveAt(0);
        }
        state.PreviousSendCount = state.SendCount;
        state.SendCount = 0;
        state.ReceiveCount = 0;
        state.RemoteRatchetKey = remoteRatchetKey;

        var receiveDh = P256.Agree(state.SendingRatchetPrivate, remoteRatchetKey);
        (state.RootKey, state.ReceivingChainKey) = Kdf.Root(state.RootKey, receiveDh);
        CryptographicOperations.ZeroMemory(receiveDh);

        using var ratchet = AgreementKeyPair.Generate(entropy);
        state.SendingRatchetPrivate = ratchet.ExportPrivateScalar();
        state.SendingRatchetPublic = ratchet.PublicKey;
        var sendDh = ratchet.Agree(remoteRatchetKey);
        (state.RootKey, state.SendingChainKey) = Kdf.Root(state.RootKey, sendDh);
        CryptographicOperations.ZeroMemory(sendDh);
    }

    private static byte[] Open(RatchetState state, RatchetMessage message, byte[] messageKey)
    {
        using var keys = Kdf.ExpandMessageKey(messageKey, Kdf.RatchetMessageInfo);
        return Aead.Open(keys, message.Ciphertext, AssociatedData(state, message));
    }

    /// <summary>AES-GCM associated data: X3DH's AD, then the header as on the wire.</summary>
    private static byte[] AssociatedData(RatchetState state, RatchetMessage message) =>
        [.. state.AssociatedData, .. WireFormat.RatchetHeader(message)];

    private static MessageKeys ExpandAndForget(byte[] messageKey)
    {
        var keys = Kdf.ExpandMessageKey(messageKey, Kdf.RatchetMessageInfo);
        CryptographicOperations.ZeroMemory(messageKey);
        return keys;
    }
}
