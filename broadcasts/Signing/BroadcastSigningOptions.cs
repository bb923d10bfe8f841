namespace GoChat.Broadcasts.Signing;

/// <summary>
/// Configuration section <c>Broadcasts:Signing</c>. Plain properties and nothing else, so any binder (or none) can fill
/// it; <see cref="BroadcastSigningOptionsValidator"/> says what is wrong with it. Private keys come from the
/// environment or a secret store, never from a file in the repository.
/// </summary>
public sealed class BroadcastSigningOptions
{
    public const string SectionName = "Broadcasts:Signing";

    /// <summary>Root key id to public key, base64url of SPKI DER or a raw uncompressed point.</summary>
    public Dictionary<string, string> RootPublicKeys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Agency keys, current and retired.</summary>
    public List<AgencySigningKeyOptions> Keys { get; set; } = [];
}
