namespace GoChat.Grains.Channels;

/// <summary>How a stored broadcast stands against its signature.</summary>
public enum BroadcastSignatureCheck
{
    Verified,
    /// <summary>No signature: the deployment or the agency had no signing key when it was posted.</summary>
    Unsigned,
    /// <summary>Signed, but the signature or its certificate does not hold: altered since, or never the agency's.</summary>
    Forged,
}
