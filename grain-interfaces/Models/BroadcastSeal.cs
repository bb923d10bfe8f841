namespace GoChat.GrainInterfaces.Models;

/// <summary>
/// What makes a channel entry an official broadcast: its classification and tags, the agency that signed it, and for the
/// copy one recipient holds, that copy's delivery code (the machine-readable code the overlay shows).
/// </summary>
/// <param name="BroadcastId">Derived from the channel and seq (<see cref="ConversationIds.Broadcast"/>): what the signature and the marks bind.</param>
/// <param name="KeyId">The agency key that signed it; null when the deployment has no signing key (clients show "unverifiable").</param>
/// <param name="Signature">IEEE P1363 ECDSA P-256 over the broadcast's signed bytes, base64url.</param>
/// <param name="Marked">The copy carries a per-recipient mark (TERHAD and above).</param>
/// <param name="DeliveryCode">This recipient's code (base32), on marked copies only; never the same for two recipients.</param>
/// <param name="Certificate">The signing key's certificate (encoded), issued by a platform root the clients ship: a client
/// checks it against its own roots, never trusting a key only because the server handed it over.</param>
/// <param name="AttachmentSha256">The SHA-256 (hex) of each attached file, in order: the signature covers the files through these.</param>
/// <param name="TextSha256">SHA-256 (hex) of the text's canonical form: how the public check finds a pasted broadcast.</param>
[GenerateSerializer, Immutable, Alias("gochat.broadcast-seal")]
public sealed record BroadcastSeal(
    [property: Id(0)] Guid BroadcastId,
    [property: Id(1)] Guid AgencyId,
    [property: Id(2)] string Level,
    [property: Id(3)] IReadOnlyList<string> Tags,
    [property: Id(4)] string? KeyId = null,
    [property: Id(5)] string? Signature = null,
    [property: Id(6)] bool Marked = false,
    [property: Id(7)] string? DeliveryCode = null,
    [property: Id(8)] string? TextSha256 = null,
    [property: Id(9)] string? Certificate = null,
    [property: Id(10)] IReadOnlyList<string>? AttachmentSha256 = null);
