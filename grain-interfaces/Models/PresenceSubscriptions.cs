namespace GoChat.GrainInterfaces.Models;

/// <summary>What a user's presence grain holds: gateways attached for the user, gateways watching them, connections leased.</summary>
[GenerateSerializer, Immutable, Alias("gochat.presence-subscriptions")]
public sealed record PresenceSubscriptions(
    [property: Id(0)] int Gateways,
    [property: Id(1)] int Watchers,
    [property: Id(2)] int Connections);
