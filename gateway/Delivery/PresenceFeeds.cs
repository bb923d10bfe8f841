using GoChat.Gateway.Orleans;
using GoChat.GrainInterfaces;
using GoChat.GrainInterfaces.Models;

namespace GoChat.Gateway.Delivery;

/// <summary>
/// Presence of the users that local connections are looking at (their chat list, an open chat): one leased watch
/// per watched user and gateway, ref-counted across connections. Each renewal returns the presence at that moment,
/// so a change lost on the way (a silo died) reaches the watchers then.
/// </summary>
public sealed class PresenceFeeds : IPresenceObserver
{
    private readonly IClusterClient _cluster;
    private readonly ConnectionRegistry _connections;
    private readonly SiloLoss _loss;
    private readonly ILogger<PresenceFeeds> _logger;
    private readonly Lazy<IPresenceObserver> _reference;
    private readonly Dictionary<Guid, Watcher> _watched = [];
    private readonly SemaphoreSlim _gate = new(1, 1);

    public PresenceFeeds(IClusterClient cluster, ConnectionRegistry connections, SiloLoss loss, ILogger<PresenceFeeds> logger)
    {
        _cluster = cluster;
        _loss = loss;
        _connections = connections;
        _logger = logger;
        _reference = new(() => cluster.CreateObjectReference<IPresenceObserver>(this));
    }

    /// <summary>Pushes every change of the user's presence to the connection until it closes.</summary>
    public async Task Watch(ClientConnection connection, Guid userId)
    {
        lock (connection.WatchedPresence)
        {
            if (!connection.WatchedPresence.Add(userId)) return;
        }
        await _gate.WaitAsync();
        try
        {
            if (!_watched.TryGetValue(userId, out var watch))
            {
                var now = await Grain(userId).WatchPresence(_reference.Value).WaitAsync(_loss.Token);
                _watched[userId] = watch = new Watcher(now.Status);
            }
            watch.Connections.Add(connection.Id);
        }
        catch
        {
            lock (connection.WatchedPresence) connection.WatchedPresence.Remove(userId);
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task UnwatchAll(ClientConnection connection)
    {
        List<Guid> all;
        lock (connection.WatchedPresence)
        {
            all = [.. connection.WatchedPresence];
            connection.WatchedPresence.Clear();
        }
        var unwatch = new List<Guid>();
        await _gate.WaitAsync();
        try
        {
            foreach (var u in all)
            {
                if (_watched.TryGetValue(u, out var watch) && watch.Connections.Remove(connection.Id) && watch.Connections.Count == 0)
                {
                    _watched.Remove(u);
                    unwatch.Add(u);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
        foreach (var u in unwatch)
        {
            try
            {
                await Grain(u).UnwatchPresence(_reference.Value);
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "Unwatching {UserId} failed; the lease lapses by itself", u);
            }
        }
    }

    /// <summary>Renews every watch, pushing any change that did not arrive. Returns false if any failed.</summary>
    public async Task<bool> RenewAll(CancellationToken cancellationToken)
    {
        List<Guid> users;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            users = [.. _watched.Keys];
        }
        finally
        {
            _gate.Release();
        }
        return await Renewals.Each(users, Renew, cancellationToken);
    }

    private async Task<bool> Renew(Guid userId)
    {
        try
        {
            if (!await IsWatched(userId)) return true;
            var now = await Grain(userId).WatchPresence(_reference.Value).WaitAsync(_loss.Token);
            await Deliver(now);
            return true;
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Renewing the presence watch of {UserId} failed", userId);
            return false;
        }
    }

    private async Task<bool> IsWatched(Guid userId)
    {
        await _gate.WaitAsync();
        try
        {
            return _watched.ContainsKey(userId);
        }
        finally
        {
            _gate.Release();
        }
    }

    async Task IPresenceObserver.OnUnsubscribed(Guid userId) => await Renew(userId);

    async Task IPresenceObserver.OnPresenceChanged(PresenceInfo presence)
    {
        try
        {
            await Deliver(presence);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Pushing presence of {UserId} failed", presence.UserId);
        }
    }

    /// <summary>Pushes the presence to the watchers if it differs from the last one they were told.</summary>
    private async Task Deliver(PresenceInfo presence)
    {
        List<string> targets;
        await _gate.WaitAsync();
        try
        {
            if (!_watched.TryGetValue(presence.UserId, out var watch) || watch.Status == presence.Status) return;
            watch.Status = presence.Status;
            targets = [.. watch.Connections];
        }
        finally
        {
            _gate.Release();
        }
        if (targets.Count > 0) ClientPush.To(targets.Select(_connections.Get).OfType<ClientConnection>(), ClientPush.PresenceChanged(presence));
    }

    private IUserGrain Grain(Guid userId) => _cluster.GetGrain<IUserGrain>(userId);

    private sealed class Watcher(PresenceStatus status)
    {
        public PresenceStatus Status { get; set; } = status;
        public HashSet<string> Connections { get; } = [];
    }
}
