namespace GoChat.GrainInterfaces.Models;

/// <param name="Version">
/// Grows with every change of status (ticks, so a later activation still counts up). Changes travel as one-way calls,
/// which Orleans does not keep in order: a watcher keeps the highest version it has seen and drops older ones.
/// Zero from a silo of a release before versions, which a watcher takes as it comes.
/// </param>
[GenerateSerializer, Immutable, Alias("gochat.presence")]
public sealed record PresenceInfo(
    [property: Id(0)] Guid UserId,
    [property: Id(1)] PresenceStatus Status,
    [property: Id(2)] DateTimeOffset? LastSeen,
    [property: Id(3)] long Version = 0)
{
    /// <summary>Whether this is older than what the watcher already holds, so that it must not overwrite it.</summary>
    public bool IsOlderThan(PresenceInfo? held) => held is not null && Version != 0 && held.Version > Version;
}
