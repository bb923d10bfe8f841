namespace GoChat.Broadcasts.Signing;

/// <summary>
/// The answer to "is this broadcast genuine?". <see cref="AgencyId"/>, <see cref="KeyId"/> and
/// <see cref="PostedAt"/> are filled when the key is known: the agency is the one its certificate names, which is what
/// a page may show, never the agency the broadcast merely claims.
/// </summary>
public sealed record BroadcastVerification(
    BroadcastVerificationStatus Status,
    string? AgencyId = null,
    string? KeyId = null,
    DateTimeOffset? PostedAt = null)
{
    public bool IsVerified => Status == BroadcastVerificationStatus.Verified;
}
