using GoChat.GrainInterfaces.Events;

namespace GoChat.GrainInterfaces;

/// <summary>
/// One user's presence, keyed by user id, as in Orleans' Presence sample: in memory, rebuilt by the gateways that
/// renew their leases. It holds the gateways attached for the user's connections (they receive the user's events),
/// each connection's lease and away flag, and the gateways watching this user's presence. Only the last-seen time
/// is stored. The account (who may see this user) stays with <see cref="IUserGrain"/>, which it asks.
/// </summary>
[Alias("gochat.IPresenceGrain")]
public interface IPresenceGrain : IGrainWithGuidKey
{
    /// <summary>
    /// For gateways: the gateway holds these connections of the user. They count as online, and the gateway receives
    /// the user's events (<see cref="Publish"/>), until it detaches or stops renewing within <see cref="LeaseOptions"/>'
    /// lease (calling this again renews, and restores both after the activation moved). Never exposed to clients.
    /// </summary>
    [Alias("Attach")] Task<PresenceInfo> Attach(IUserEventObserver gateway, string[] connectionIds);

    /// <summary>For gateways: the gateway holds no connection of this user any more.</summary>
    [OneWay, AlwaysInterleave, Alias("Detach")] Task Detach(IUserEventObserver gateway);

    /// <summary>
    /// For gateways: presence changes of this user go to the observer, leased like <see cref="Attach"/>. Returns the
    /// presence as it is once the watch is in place, so a change right after is not missed. No visibility check:
    /// gateways call <see cref="GetPresenceFor"/> for the viewer first.
    /// </summary>
    [AlwaysInterleave, Alias("Watch")] Task<PresenceInfo> Watch(IPresenceObserver watcher);

    [OneWay, AlwaysInterleave, Alias("Unwatch")] Task Unwatch(IPresenceObserver watcher);

    /// <summary>A connection opened; it counts as online for the lease (see <see cref="Attach"/>, which renews it).</summary>
    [Alias("Connect")] Task<PresenceInfo> Connect(string connectionId);

    [Alias("Disconnect")] Task<PresenceInfo> Disconnect(string connectionId);

    [Alias("SetAway")] Task<PresenceInfo> SetAway(string connectionId, bool away);

    [AlwaysInterleave, ReadOnly, Alias("GetPresence")] Task<PresenceInfo> GetPresence();

    /// <summary>
    /// The presence as <paramref name="viewer"/> may see it: USER_NOT_FOUND for a person hidden from them, as
    /// <see cref="IProfileGrain.GetCard"/> (the user grain decides).
    /// </summary>
    [AlwaysInterleave, Alias("GetPresenceFor")] Task<PresenceInfo> GetPresenceFor(Guid viewer);

    /// <summary>
    /// One-way to every gateway attached for this user (the user's events: conversations added and removed,
    /// settings, profile, sessions ended). A lost event heals at the devices' next (re)connect.
    /// </summary>
    [OneWay, Alias("Publish")] Task Publish(UserEvent evt);

    /// <summary>For operators and tests: how many gateways are attached and watching, and how many connections are leased.</summary>
    [Alias("GetSubscriptions")] Task<PresenceSubscriptions> GetSubscriptions();
}
