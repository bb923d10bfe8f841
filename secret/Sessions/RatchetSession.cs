using System.Text.Json;
using GoChat.Secret.Devices;
using GoChat.Secret.Keys;
using GoChat.Secret.Wire;

namespace GoChat.Secret.Sessions;

/// <summary>
/// One end-to-end session between two devices: X3DH to start it, the Double Ratchet for every message after.
/// Takes and returns wire bytes. A message that is refused (<see cref="SecretException"/>) leaves the session as
/// it was, so a forged or replayed message cannot break a session.
/// </summary>
public sealed class RatchetSession
{
    /// <summary>The skip window: how far ahead of the chain a message may be and still open.</summary>
    public const int MaxSkip = DoubleRatchet.MaxSkip;

    private RatchetState _state;
    private readonly IEntropySource _entropy;

    private RatchetSession(RatchetState state, IEntropySource entropy)
    {
        _state = state;
        _entropy = entropy;
    }

    public IdentityKeys LocalIdentity => _state.LocalIdentity;

    public IdentityKeys RemoteIdentity => _state.RemoteIdentity;

    /// <summary>True on the initiator until the first reply arrived; until then every message carries the X3DH values.</summary>
    public bool AwaitingReply => _state.PendingPreKey is not null;

    internal RatchetState State => _state;

    /// <summary>Starts a session with a device from its bundle, which is verified first. The first message sent is a prekey message.</summary>
    public static RatchetSession Initiate(DeviceIdentity local, PreKeyBundle bundle, IEntropySource? entropy = null)
    {
        entropy ??= SystemEntropy.Instance;
        using var agreement = X3dh.Initiate(local, bundle, entropy);
        var state = DoubleRatchet.InitInitiator(agreement, local.PublicKeys, bundle.Identity, bundle.SignedPreKey.PublicKey, entropy);
        return new RatchetSession(state, entropy);
    }

    /// <summary>
    /// Answers a prekey message that starts a new session: X3DH from the prekeys it names, then its first message
    /// decrypted. Only when that succeeds is the one-time prekey deleted and the message remembered as seen.
    /// </summary>
    public static AcceptedSession Accept(
        DeviceIdentity local, DevicePreKeys preKeys, ReadOnlySpan<byte> preKeyMessage, IEntropySource? entropy = null)
    {
        entropy ??= SystemEntropy.Instance;
        var message = WireFormat.DecodePreKey(preKeyMessage);
        if (preKeys.HasSeenBaseKey(message.EphemeralKey))
            throw new SecretException(SecretError.Replayed);
        using var signedPreKey = preKeys.FindSignedPreKey(message.SignedPreKeyId);
        using var oneTimeKey = preKeys.FindOneTimeKey(message.OneTimeKeyKind, message.OneTimePreKeyId);
        using var agreement = X3dh.Respond(local, signedPreKey, oneTimeKey, message);
        var state = DoubleRatchet.InitResponder(agreement, local.PublicKeys,
            new IdentityKeys(message.IdentityAgreementKey, message.IdentitySigningKey), signedPreKey);
        var plaintext = DoubleRatchet.Decrypt(state, message.Message, entropy);
        preKeys.Consume(message.OneTimeKeyKind, message.OneTimePreKeyId, message.EphemeralKey);
        return new AcceptedSession(new RatchetSession(state, entropy), plaintext);
    }

    /// <summary>True when a prekey message repeats this session's X3DH (the initiator resends it until answered).</summary>
    public bool IsContinuedBy(ReadOnlySpan<byte> preKeyMessage)
    {
        var message = WireFormat.DecodePreKey(preKeyMessage);
        return message.EphemeralKey.AsSpan().SequenceEqual(_state.BaseKey)
               && new IdentityKeys(message.IdentityAgreementKey, message.IdentitySigningKey).SameAs(_state.RemoteIdentity);
    }

    public byte[] Encrypt(ReadOnlySpan<byte> plaintext)
    {
        var message = DoubleRatchet.Encrypt(_state, plaintext);
        if (_state.PendingPreKey is not { } pending)
            return WireFormat.Encode(message);
        return WireFormat.Encode(new PreKeyMessage(
            _state.LocalIdentity.AgreementKey, _state.LocalIdentity.SigningKey, pending.EphemeralKey,
            pending.SignedPreKeyId, pending.OneTimeKeyKind, pending.OneTimePreKeyId, message));
    }

    /// <summary>Opens a ratchet message, or a prekey message of this same session; a new session's goes to <see cref="Accept"/>.</summary>
    public byte[] Decrypt(ReadOnlySpan<byte> bytes)
    {
        RatchetMessage message;
        if (WireFormat.PeekType(bytes) == MessageType.PreKey)
        {
            if (!IsContinuedBy(bytes))
                throw new SecretException(SecretError.InvalidState);
            message = WireFormat.DecodePreKey(bytes).Message;
        }
        else
        {
            message = WireFormat.DecodeRatchet(bytes);
        }
        var working = _state.Clone();
        var plaintext = DoubleRatchet.Decrypt(working, message, _entropy);
        // A reply means the responder has the session, so the X3DH values need not travel any more.
        if (working.PendingPreKey is not null && WireFormat.PeekType(bytes) == MessageType.Ratchet)
            working.PendingPreKey = null;
        _state = working;
        return plaintext;
    }

    /// <summary>The whole session, private keys included, as UTF-8 JSON for the client's encrypted store.</summary>
    public byte[] Export() => JsonSerializer.SerializeToUtf8Bytes(_state);

    public static RatchetSession Import(ReadOnlySpan<byte> saved, IEntropySource? entropy = null) =>
        new(StateJson.Read<RatchetState>(saved), entropy ?? SystemEntropy.Instance);
}

/// <summary>A session started by a peer's prekey message, and that message's plaintext.</summary>
public sealed record AcceptedSession(RatchetSession Session, byte[] Plaintext);
