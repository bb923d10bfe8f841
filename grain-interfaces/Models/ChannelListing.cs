namespace GoChat.GrainInterfaces.Models;

/// <summary>A channel as the directory of channels lists it; PhotoVersion as in <see cref="ChannelInfo"/>.</summary>
[GenerateSerializer, Immutable, Alias("gochat.channel-listing")]
public sealed record ChannelListing(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid AgencyId,
    [property: Id(2)] string Name,
    [property: Id(3)] string? Description,
    [property: Id(4)] ChannelAudience Audience,
    [property: Id(5)] bool Mandatory,
    [property: Id(6)] bool Subscribed,
    [property: Id(7)] long PhotoVersion = 0);
