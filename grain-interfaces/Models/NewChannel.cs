namespace GoChat.GrainInterfaces.Models;

/// <param name="Agencies">For <see cref="ChannelAudience.Agencies"/>: the agencies besides the owner's; ignored otherwise.</param>
/// <param name="Mandatory">Everyone in the audience is in it and cannot leave; new staff join on registration.</param>
[GenerateSerializer, Immutable, Alias("gochat.new-channel")]
public sealed record NewChannel(
    [property: Id(0)] string Name,
    [property: Id(1)] string? Description,
    [property: Id(2)] ChannelAudience Audience,
    [property: Id(3)] bool Mandatory,
    [property: Id(4)] IReadOnlyList<Guid>? Agencies = null);
