namespace GoChat.GrainInterfaces.Models;

/// <summary>The public check's answer (/semak). For a text that is no TERBUKA broadcast it says only "not genuine".</summary>
/// <param name="Verification">Verified, Unsigned (no agency key then), or Forged (the stored broadcast fails its signature).</param>
[GenerateSerializer, Immutable, Alias("gochat.broadcast-check")]
public sealed record BroadcastCheck(
    [property: Id(0)] bool Genuine,
    [property: Id(1)] string? AgencyName = null,
    [property: Id(2)] string? ChannelName = null,
    [property: Id(3)] DateTimeOffset? PostedAt = null,
    [property: Id(4)] string? Verification = null);
