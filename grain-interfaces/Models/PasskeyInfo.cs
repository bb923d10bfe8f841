namespace GoChat.GrainInterfaces.Models;

/// <summary>A registered passkey as its owner sees it. <see cref="Id"/> is the credential id in base64url.</summary>
[GenerateSerializer, Immutable, Alias("gochat.passkey")]
public sealed record PasskeyInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] DateTimeOffset? LastUsedAt,
    [property: Id(4)] Guid Aaguid);
