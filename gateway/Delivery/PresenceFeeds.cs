using GoChat.Gateway.Orleans;
using GoChat.GrainInterfaces;
using GoChat.GrainInterfaces.Models;

namespace GoChat.Gateway.Delivery;

/// <summary>
/// Presence of the users that local connections are looking at (their chat list, an open chat): one leased watch
/// per watched user and gateway, ref-counted across connections. Each renewal returns the presence at that moment,
/// so a change lost on the way (a silo died) reaches the watchers then.
/// </summary>
/// <remarks>
/// The lock guards only this gateway's bookkeeping and is never held across a grain call: a connection watching
/// 2,000 users takes its entries at once, then makes the grain calls <see cref="Bounded.InFlight"/> at a time, and
/// other connections' watches, pushes and disconnects go on meanwhile.
/// </remarks>
public sealed class PresenceFeeds : IPresenceObserver
{
    private readonly IClusterClient _cluster;
    private readonly ConnectionRegistry _connections;
    private readonly SiloLoss _loss;
    private readonly ILogger<PresenceFeeds> _logger;
    private readonly Lazy<IPresenceObserver> _reference;
    private readonly Dictionary<Guid, UserWatch> _watched = [];
    private readonly Lock _lock = new();

    public PresenceFeeds(IClusterClient cluster, ConnectionRegistry connections, SiloLoss loss, ILogger<PresenceFeeds> logger)
    {
        _cluster = cluster;
        _loss = loss;
        _connections = connections;
        _logger = logger;
        _reference = new(() => cluster.CreateObjectReference<IPresenceObserver>(this));
    }

    /// <summary>
    /// Pushes every change of these users' presence to the connection until it closes, and returns their presence
    /// as it was once each watch was in place (watch first, then read), so no change in between is missed.
    /// </summary>
    public async Task<IReadOnlyList<PresenceInfo>> Watch(ClientConnection connection, IReadOnlyList<Guid> userIds)
    {
        lock (connection.WatchedPresence)
        {
            foreach (var u in userIds) connection.WatchedPresence.Add(u);
        }
        var watches = new UserWatch[userIds.Count];
        var subscribe = new List<UserWatch>();
        lock (_lock)
        {
            for (var i = 0; i < userIds.Count; i++)
            {
                if (!_watched.TryGetValue(userIds[i], out var watch))
                {
                    _watched[userIds[i]] = watch = new UserWatch(userIds[i]);
                    subscribe.Add(watch);
                }
                watch.Connections.Add(connection.Id);
                watches[i] = watch;
            }
        }
        // Subscribe never throws: each watch's outcome is in its Ready, which connections sharing it await too.
        await Bounded.Map(subscribe, Subscribe);
        try
        {
            await Task.WhenAll(watches.Select(w => w.Ready.Task));
        }
        catch
        {
            Forget(connection, watches.Where(w => !w.Ready.Task.IsCompletedSuccessfully).Select(w => w.UserId).ToList());
            throw;
        }
        // An array, not a collection expression's hidden list type: MessagePack serializes what it is given by its type.
        lock (_lock) return watches.Select(w => w.Last!).ToArray();
    }

    private async Task<bool> Subscribe(UserWatch watch)
    {
        try
        {
            var now = await Grain(watch.UserId).Watch(_reference.Value).WaitAsync(_loss.Token);
            bool orphaned;
            lock (_lock)
            {
                // A change pushed while the call was out is newer than its answer: keep it.
                watch.Last ??= now;
                orphaned = !_watched.ContainsKey(watch.UserId);
            }
            // Every connection let go while the call was out (and none watches anew): that unwatch may have overtaken the watch.
            if (orphaned) Unwatch(watch.UserId);
            watch.Ready.TrySetResult();
        }
        catch (Exception ex)
        {
            lock (_lock)
            {
                if (_watched.GetValueOrDefault(watch.UserId) == watch) _watched.Remove(watch.UserId);
            }
            watch.Ready.TrySetException(ex);
        }
        return true;
    }

    /// <summary>Stops the connection's watches; users no other local connection watches are let go with one-way calls, all at once.</summary>
    public void UnwatchAll(ClientConnection connection)
    {
        List<Guid> all;
        lock (connection.WatchedPresence)
        {
            all = [.. connection.WatchedPresence];
            connection.WatchedPresence.Clear();
        }
        foreach (var u in Release(connection.Id, all)) Unwatch(u);
    }

    /// <summary>Undoes a connection's watches that failed; the lease of any grain subscription left behind lapses.</summary>
    private void Forget(ClientConnection connection, IReadOnlyList<Guid> users)
    {
        lock (connection.WatchedPresence)
        {
            foreach (var u in users) connection.WatchedPresence.Remove(u);
        }
        Release(connection.Id, users);
    }

    /// <summary>Takes the connection off these users' watches; returns the users nobody here watches any more.</summary>
    private List<Guid> Release(string connectionId, IReadOnlyList<Guid> users)
    {
        var last = new List<Guid>();
        lock (_lock)
        {
            foreach (var u in users)
            {
                if (_watched.TryGetValue(u, out var watch) && watch.Connections.Remove(connectionId) && watch.Connections.Count == 0)
                {
                    _watched.Remove(u);
                    last.Add(u);
                }
            }
        }
        return last;
    }

    /// <summary>One-way: returns once sent. If it is lost, the grain's lease on this gateway lapses by itself.</summary>
    private void Unwatch(Guid userId)
    {
        try
        {
            _ = Grain(userId).Unwatch(_reference.Value);
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Unwatching {UserId} failed; the lease lapses by itself", userId);
        }
    }

    /// <summary>Renews every watch, pushing any change that did not arrive. Returns false if any failed.</summary>
    public Task<bool> RenewAll(CancellationToken cancellationToken)
    {
        List<Guid> users;
        lock (_lock) users = [.. _watched.Keys];
        return Renewals.Each(users, Renew, cancellationToken);
    }

    private async Task<bool> Renew(Guid userId)
    {
        try
        {
            if (!IsWatching(userId)) return true;
            var now = await Grain(userId).Watch(_reference.Value).WaitAsync(_loss.Token);
            Deliver(now);
            return true;
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Renewing the presence watch of {UserId} failed", userId);
            return false;
        }
    }

    /// <summary>Whether a connection here watches the user (this gateway holds a grain subscription for them).</summary>
    public bool IsWatching(Guid userId)
    {
        lock (_lock) return _watched.ContainsKey(userId);
    }

    async Task IPresenceObserver.OnUnsubscribed(Guid userId) => await Renew(userId);

    Task IPresenceObserver.OnPresenceChanged(PresenceInfo presence)
    {
        try
        {
            Deliver(presence);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Pushing presence of {UserId} failed", presence.UserId);
        }
        return Task.CompletedTask;
    }

    /// <summary>Pushes the presence to the watchers if its status differs from the last one they were told.</summary>
    private void Deliver(PresenceInfo presence)
    {
        List<string> targets;
        lock (_lock)
        {
            if (!_watched.TryGetValue(presence.UserId, out var watch)) return;
            // One-way pushes can overtake each other: an older one arriving late must not undo a newer one.
            if (presence.IsOlderThan(watch.Last)) return;
            var changed = watch.Last?.Status != presence.Status;
            watch.Last = presence;
            if (!changed) return;
            targets = [.. watch.Connections];
        }
        if (targets.Count > 0) ClientPush.To(targets.Select(_connections.Get).OfType<ClientConnection>(), ClientPush.PresenceChanged(presence));
    }

    private IPresenceGrain Grain(Guid userId) => _cluster.GetGrain<IPresenceGrain>(userId);

    /// <summary>One watched user: the connections here that watch them, and what they were last told (guarded by the feeds' lock).</summary>
    private sealed class UserWatch(Guid userId)
    {
        public Guid UserId { get; } = userId;
        public HashSet<string> Connections { get; } = [];
        /// <summary>Null until the grain answered the watch or pushed a change.</summary>
        public PresenceInfo? Last { get; set; }
        /// <summary>Completes once the grain subscription is in place (or failed).</summary>
        public TaskCompletionSource Ready { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
