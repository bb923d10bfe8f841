using GoChat.GrainInterfaces.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Providers;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.Utilities;

namespace GoChat.Grains.Presence;

/// <summary>
/// A user's presence across devices and the gateways that hold or watch them (see <see cref="IPresenceGrain"/>).
/// </summary>
/// <remarks>
/// Gateways attach for the users they hold connections of and watch the presence of others, both as leased grain
/// observers (like conversations), not streams: a subscription costs an entry here instead of a pub-sub record, and
/// gateways renew it, so after this activation moves (a silo died) the next renewal restores both the subscribers and
/// the connections. A connection whose gateway stops renewing (it crashed) lapses: offline.
/// Apart from the account, which decides who may see the user, nothing here needs the user grain: a presence change
/// or a published event costs this grain's turn only, never a user-state write.
/// The stored last-seen time is read on the first call that answers with a presence, not on activation: a user
/// event for someone nobody watches (one of 10,000 members added to a group) activates this grain to pass the
/// event on, and should not cost a database read.
/// </remarks>
[GrainType("presence")]
public sealed class PresenceGrain(
    IOptions<LeaseOptions> leases,
    ILogger<PresenceGrain> logger) : Grain, IPresenceGrain
{
    private const string StateName = "presence";

    /// <summary>Last-seen times are saved a moment after going offline, so a flapping connection costs one write.</summary>
    private static readonly TimeSpan SaveAfter = TimeSpan.FromSeconds(2);

    private readonly Dictionary<string, ConnectionLease> _connections = [];
    private readonly ObserverManager<IUserEventObserver> _gateways = new(leases.Value.Lease, logger);
    private readonly ObserverManager<IPresenceObserver> _watchers = new(leases.Value.Lease, logger);
    private readonly GrainState<PresenceState> _state = new(new PresenceState());
    private Task? _loading;
    private IGrainTimer? _save;
    private bool _unsaved;
    /// <summary>Starts at the activation's time so that a new activation's changes outrank the last one's.</summary>
    private long _version = DateTime.UtcNow.Ticks;

    private Guid Id => this.GetPrimaryKey();

    /// <summary>Never null: set on construction and after every read.</summary>
    private PresenceState Stored => _state.State!;

    private IGrainStorage Storage => ServiceProvider.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var check = TimeSpan.FromSeconds(Math.Clamp(leases.Value.Seconds / 6, 1, 30));
        this.RegisterGrainTimer(ExpireConnections, new GrainTimerCreationOptions(check, check) { Interleave = false });
        _save = this.RegisterGrainTimer(SaveLastSeen, new GrainTimerCreationOptions(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan) { Interleave = false });
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await SaveLastSeen(cancellationToken);
        // The next activation starts with no subscribers and no connections: tell the gateways now rather than at their next renewal.
        var id = Id;
        _gateways.Notify(o => { _ = o.OnUnsubscribed(id); });
        _watchers.Notify(o => { _ = o.OnUnsubscribed(id); });
    }

    /// <summary>
    /// The stored state, once per activation, before anything is answered or changed (a failed read is tried again
    /// by the next call). Methods that only pass things on (events, unwatches) do not need it.
    /// </summary>
    private Task Loaded()
    {
        if (_loading is { IsFaulted: true }) _loading = null;
        return _loading ??= Load();
    }

    private async Task Load()
    {
        await Storage.ReadStateAsync(StateName, this.GetGrainId(), _state);
        _state.State ??= new PresenceState();
        if (!_state.RecordExists) await AdoptLastSeen();
    }

    /// <summary>Before presence had a grain of its own, the user grain stored the last-seen time: take it over once.</summary>
    private async Task AdoptLastSeen()
    {
        try
        {
            if (await GrainFactory.GetGrain<IUserGrain>(Id).GetLastSeen() is not { } seen) return;
            Stored.LastSeen ??= seen;
            MarkUnsaved();
        }
        catch (Exception ex)
        {
            // Only "last seen" is missing until the user next goes offline; presence itself works.
            logger.LogWarning(ex, "Reading the former last-seen time of {UserId} failed", Id);
        }
    }

    public async Task<PresenceInfo> Attach(IUserEventObserver gateway, string[] connectionIds)
    {
        await Loaded();
        _gateways.Subscribe(gateway, gateway);
        var before = Presence();
        foreach (var c in connectionIds ?? []) Lease(c);
        return PublishIfChanged(before);
    }

    public Task Detach(IUserEventObserver gateway)
    {
        _gateways.Unsubscribe(gateway);
        return Task.CompletedTask;
    }

    public async Task<PresenceInfo> Watch(IPresenceObserver watcher)
    {
        await Loaded();
        // Subscribed and read with no wait in between: every change after this answer reaches the watcher.
        _watchers.Subscribe(watcher, watcher);
        return Presence();
    }

    public Task Unwatch(IPresenceObserver watcher)
    {
        _watchers.Unsubscribe(watcher);
        return Task.CompletedTask;
    }

    public async Task<PresenceInfo> Connect(string connectionId)
    {
        await Loaded();
        var before = Presence();
        Lease(connectionId);
        return PublishIfChanged(before);
    }

    public async Task<PresenceInfo> Disconnect(string connectionId)
    {
        await Loaded();
        var before = Presence();
        if (_connections.Remove(connectionId) && _connections.Count == 0) WentOffline();
        return PublishIfChanged(before);
    }

    public async Task<PresenceInfo> SetAway(string connectionId, bool away)
    {
        await Loaded();
        var before = Presence();
        if (_connections.TryGetValue(connectionId, out var held)) _connections[connectionId] = held with { Away = away };
        // Kept in memory only: an away user is still connected, and going offline saves the time.
        if (away) Stored.LastSeen = DateTimeOffset.UtcNow;
        return PublishIfChanged(before);
    }

    public async Task<PresenceInfo> GetPresence()
    {
        await Loaded();
        return Presence();
    }

    public async Task<PresenceInfo> GetPresenceFor(Guid viewer)
    {
        await Task.WhenAll(GrainFactory.GetGrain<IUserGrain>(Id).CheckVisibleTo(viewer), Loaded());
        return Presence();
    }

    public Task Publish(UserEvent evt)
    {
        var id = Id;
        _gateways.Notify(o => { _ = o.OnUserEvent(id, evt); });
        return Task.CompletedTask;
    }

    public Task<PresenceSubscriptions> GetSubscriptions()
    {
        _gateways.ClearExpired();
        _watchers.ClearExpired();
        return Task.FromResult(new PresenceSubscriptions(_gateways.Count, _watchers.Count, _connections.Count));
    }

    /// <summary>Adds the connection, or renews its lease keeping its away flag.</summary>
    private void Lease(string connectionId)
    {
        // Real time, like the observer leases beside it (a test may move the grains' clock to expire sign-in codes).
        var expires = DateTimeOffset.UtcNow + leases.Value.Lease;
        _connections[connectionId] = _connections.TryGetValue(connectionId, out var held) ? held with { Expires = expires } : new ConnectionLease(false, expires);
    }

    /// <summary>Connections whose gateway stopped renewing (it crashed, or lost the cluster) end here.</summary>
    private Task ExpireConnections(CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var lapsed = _connections.Where(c => c.Value.Expires < now).Select(c => c.Key).ToList();
        if (lapsed.Count == 0) return Task.CompletedTask;
        var before = Presence();
        foreach (var c in lapsed) _connections.Remove(c);
        if (_connections.Count == 0) WentOffline();
        logger.LogInformation("{Count} connection(s) of {UserId} lapsed without renewal", lapsed.Count, Id);
        PublishIfChanged(before);
        return Task.CompletedTask;
    }

    /// <summary>Only after <see cref="Loaded"/>: a connection exists only once Attach or Connect loaded the state.</summary>
    private void WentOffline()
    {
        Stored.LastSeen = DateTimeOffset.UtcNow;
        MarkUnsaved();
    }

    private void MarkUnsaved()
    {
        if (_unsaved) return;
        _unsaved = true;
        _save?.Change(SaveAfter, Timeout.InfiniteTimeSpan);
    }

    private async Task SaveLastSeen(CancellationToken cancellationToken)
    {
        if (!_unsaved) return;
        _unsaved = false;
        try
        {
            await Storage.WriteStateAsync(StateName, this.GetGrainId(), _state, cancellationToken);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Saving the last-seen time of {UserId} failed; will retry", Id);
            MarkUnsaved();
        }
    }

    private PresenceInfo Presence()
    {
        var status = _connections.Count == 0 ? PresenceStatus.Offline
            : _connections.Values.Any(c => !c.Away) ? PresenceStatus.Online
            : PresenceStatus.Away;
        return new PresenceInfo(Id, status, status == PresenceStatus.Online ? null : Stored.LastSeen, _version);
    }

    /// <summary>One-way to every watching gateway, once per change of status; a lost change is corrected at the watcher's next renewal.</summary>
    private PresenceInfo PublishIfChanged(PresenceInfo before)
    {
        if (Presence().Status == before.Status) return Presence();
        _version = Math.Max(_version + 1, DateTime.UtcNow.Ticks);
        var now = Presence();
        _watchers.Notify(o => { _ = o.OnPresenceChanged(now); });
        return now;
    }
}
