namespace GoChat.Secret.Wire;

/// <summary>The second byte of every message, after the version byte.</summary>
public enum MessageType : byte
{
    PreKey = 1,
    Ratchet = 2,
    SenderKeyDistribution = 3,
    SenderKey = 4,
}

/// <summary>Which kind of key the initiator used for X3DH's fourth DH, so the responder knows where to find it.</summary>
public enum OneTimeKeyKind : byte
{
    /// <summary>No fourth DH: the bundle had neither a one-time nor a last-resort prekey.</summary>
    None = 0,
    /// <summary>A one-time prekey, deleted by the responder once used.</summary>
    OneTime = 1,
    /// <summary>The signed last-resort prekey, handed out when one-time keys ran out, kept after use.</summary>
    LastResort = 2,
}
