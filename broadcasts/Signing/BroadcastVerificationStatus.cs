namespace GoChat.Broadcasts.Signing;

public enum BroadcastVerificationStatus
{
    /// <summary>A known agency key signed exactly this broadcast (canonical text included) inside its window.</summary>
    Verified,

    /// <summary>The signature does not match the broadcast: something signed was changed, or it was never signed.</summary>
    Forged,

    /// <summary>No certified key by that id: never issued here, or removed after a compromise.</summary>
    UnknownKey,

    /// <summary>The signature is the key's, but the key is certified for another agency than the broadcast names.</summary>
    KeyNotForAgency,

    /// <summary>The signature is the key's, but the broadcast says it was posted after the key's certificate ended.</summary>
    ExpiredKeyAtPostTime,

    /// <summary>The signature is the key's, but the broadcast says it was posted before the key's certificate began.</summary>
    KeyNotYetValidAtPostTime,

    /// <summary>The broadcast cannot be put into its signed form (an attachment hash that is not hex, broken text).</summary>
    Malformed,
}
