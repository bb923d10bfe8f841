namespace GoChat.GrainInterfaces.Models;

/// <summary>A profile picture as stored: the bytes are never changed after upload.</summary>
[GenerateSerializer, Immutable, Alias("gochat.profile-photo")]
public sealed record ProfilePhoto(
    [property: Id(0)] string ContentType,
    [property: Id(1)] byte[] Data,
    [property: Id(2)] long Version);
