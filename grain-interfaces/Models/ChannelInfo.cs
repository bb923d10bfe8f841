namespace GoChat.GrainInterfaces.Models;

/// <summary>A channel as its subscribers and the directory see it.</summary>
/// <param name="AgencyId">The agency that owns the channel and signs its broadcasts.</param>
/// <param name="Agencies">The audience's agencies, for <see cref="ChannelAudience.Agencies"/> (the owner's first); empty otherwise.</param>
/// <param name="IsAdmin">The requester may post and see read statistics.</param>
/// <param name="Subscribed">The requester is in the channel.</param>
/// <param name="PhotoVersion">The picture's version, 0 for none: clients fetch /api/conversations/{id}/photo?v= once per version.</param>
[GenerateSerializer, Immutable, Alias("gochat.channel")]
public sealed record ChannelInfo(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid AgencyId,
    [property: Id(2)] string Name,
    [property: Id(3)] string? Description,
    [property: Id(4)] ChannelAudience Audience,
    [property: Id(5)] IReadOnlyList<Guid> Agencies,
    [property: Id(6)] bool Mandatory,
    [property: Id(7)] IReadOnlyList<Guid> Admins,
    [property: Id(8)] long LastSeq,
    [property: Id(9)] DateTimeOffset CreatedAt,
    [property: Id(10)] bool IsAdmin,
    [property: Id(11)] bool Subscribed,
    [property: Id(12)] long Subscribers = 0,
    [property: Id(13)] long PhotoVersion = 0);
