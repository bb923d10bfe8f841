namespace GoChat.GrainInterfaces;

/// <summary>
/// What a leak trace needs from storage (stateless, key 0), for the admins of the agency that owns the broadcasts only.
/// The gateway holds the mark secret: it decides which broadcast and which recipient a recovered mark names.
/// </summary>
[Alias("gochat.ILeakTraceGrain")]
public interface ILeakTraceGrain : IGrainWithIntegerKey
{
    /// <summary>The agency's broadcasts that were marked (TERHAD and above), newest first.</summary>
    [Alias("MarkedBroadcasts")] Task<IReadOnlyList<MarkedBroadcast>> MarkedBroadcasts(Guid actor, Guid agencyId);

    /// <summary>Everyone a broadcast of the channel can have reached: its audience's staff and its subscribers.</summary>
    [Alias("PossibleRecipients")] Task<IReadOnlyList<Guid>> PossibleRecipients(Guid actor, Guid channelId);

    /// <summary>Every trace is audit-logged, found or not, visible to the admins of the agency.</summary>
    [Alias("Record")] Task Record(Guid actor, Guid agencyId, Guid? recipient, string details);
}
