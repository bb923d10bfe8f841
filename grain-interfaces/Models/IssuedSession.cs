namespace GoChat.GrainInterfaces.Models;

/// <summary>A device's session after sign-in or refresh. The refresh secret is returned once and stored only as a hash.</summary>
[GenerateSerializer, Immutable, Alias("gochat.issued-session")]
public sealed record IssuedSession(
    [property: Id(0)] AccountInfo Account,
    [property: Id(1)] Guid DeviceId,
    [property: Id(2)] string RefreshSecret,
    [property: Id(3)] DateTimeOffset RefreshExpiresAt,
    [property: Id(4)] bool PasskeyVerified = false);
