using GoChat.Secret.Devices;
using GoChat.Secret.Wire;

namespace GoChat.Secret.Sessions;

/// <summary>
/// Everything a Double Ratchet session remembers, as plain serializable data (System.Text.Json; byte arrays
/// become base64). It holds private keys: a client stores it only in its own encrypted store.
/// Byte arrays here are replaced, never written into, so <see cref="Clone"/> may share them.
/// </summary>
internal sealed class RatchetState
{
    public required IdentityKeys LocalIdentity { get; set; }
    public required IdentityKeys RemoteIdentity { get; set; }
    /// <summary>X3DH's AD, authenticated with every message.</summary>
    public required byte[] AssociatedData { get; set; }
    /// <summary>X3DH's ephemeral key: tells a repeat of this session's prekey message from a new session's.</summary>
    public required byte[] BaseKey { get; set; }
    public required byte[] RootKey { get; set; }
    public required byte[] SendingRatchetPrivate { get; set; }
    public required byte[] SendingRatchetPublic { get; set; }
    public byte[]? RemoteRatchetKey { get; set; }
    public byte[]? SendingChainKey { get; set; }
    public byte[]? ReceivingChainKey { get; set; }
    public uint SendCount { get; set; }
    public uint ReceiveCount { get; set; }
    public uint PreviousSendCount { get; set; }
    public List<SkippedMessageKey> SkippedKeys { get; set; } = [];
    /// <summary>Remote ratchet keys already ratcheted past, so an old message replayed reads as a replay.</summary>
    public List<byte[]> RetiredRemoteKeys { get; set; } = [];
    /// <summary>Set on the initiator until the first reply: its messages go out as prekey messages till then.</summary>
    public PendingPreKey? PendingPreKey { get; set; }

    public RatchetState Clone()
    {
        var copy = (RatchetState)MemberwiseClone();
        copy.SkippedKeys = [.. SkippedKeys];
        copy.RetiredRemoteKeys = [.. RetiredRemoteKeys];
        return copy;
    }
}

/// <summary>A message key kept for a message that has not arrived yet; deleted once it is used.</summary>
internal sealed record SkippedMessageKey(byte[] RatchetKey, uint Number, byte[] MessageKey);

/// <summary>The X3DH values the initiator repeats in every message until the responder answers.</summary>
internal sealed record PendingPreKey(byte[] EphemeralKey, uint SignedPreKeyId, OneTimeKeyKind OneTimeKeyKind, uint OneTimePreKeyId);
