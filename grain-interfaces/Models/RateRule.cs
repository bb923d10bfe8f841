namespace GoChat.GrainInterfaces.Models;

/// <summary>A token bucket: <paramref name="PerSecond"/> permits refill each second, at most <paramref name="Burst"/> held.</summary>
[GenerateSerializer, Immutable, Alias("gochat.rate-rule")]
public sealed record RateRule(
    [property: Id(0)] double PerSecond,
    [property: Id(1)] int Burst);
