using GoChat.Gateway.Orleans;
using GoChat.GrainInterfaces;
using GoChat.GrainInterfaces.Events;

namespace GoChat.Gateway.Delivery;

/// <summary>
/// The users this gateway holds connections of. For each, the gateway is attached to the user's presence grain: it receives
/// the user's events (joins and leaves conversation feeds, settings, sign-outs) and vouches for the connections'
/// presence. Both are leases, renewed by <see cref="FeedRenewal"/>; a renewal after the user's activation moved (a
/// silo died) restores them, and if this gateway dies its users go offline when the lease lapses.
/// </summary>
public sealed class UserFeeds : IUserEventObserver
{
    private readonly IClusterClient _cluster;
    private readonly ConnectionRegistry _connections;
    private readonly ConversationFeeds _feeds;
    private readonly SiloLoss _loss;
    private readonly ILogger<UserFeeds> _logger;
    private readonly Lazy<IUserEventObserver> _reference;
    private readonly Dictionary<Guid, HashSet<string>> _users = [];
    private readonly SemaphoreSlim _gate = new(1, 1);

    public UserFeeds(IClusterClient cluster, ConnectionRegistry connections, ConversationFeeds feeds, SiloLoss loss, ILogger<UserFeeds> logger)
    {
        _cluster = cluster;
        _loss = loss;
        _connections = connections;
        _feeds = feeds;
        _logger = logger;
        // One observer object for every user of this gateway: a presence grain holds one entry per gateway.
        _reference = new(() => cluster.CreateObjectReference<IUserEventObserver>(this));
    }

    /// <summary>Adds the connection and attaches (or renews) this gateway for its user; the connection counts as online from now.</summary>
    public async Task Acquire(ClientConnection connection)
    {
        string[] ids;
        await _gate.WaitAsync();
        try
        {
            if (!_users.TryGetValue(connection.UserId, out var set)) _users[connection.UserId] = set = [];
            set.Add(connection.Id);
            ids = [.. set];
        }
        finally
        {
            _gate.Release();
        }
        try
        {
            await Grain(connection.UserId).Attach(_reference.Value, ids);
        }
        catch
        {
            await Release(connection, detach: false);
            throw;
        }
    }

    /// <summary>
    /// Removes the connection and ends its presence lease; the last one of a user detaches this gateway from that
    /// user. With <paramref name="detach"/> false, only this gateway's bookkeeping (the grain call failed).
    /// </summary>
    public async Task Release(ClientConnection connection, bool detach = true)
    {
        var last = false;
        await _gate.WaitAsync();
        try
        {
            if (_users.TryGetValue(connection.UserId, out var set) && set.Remove(connection.Id) && set.Count == 0)
            {
                _users.Remove(connection.UserId);
                last = true;
            }
        }
        finally
        {
            _gate.Release();
        }
        if (!detach) return;
        var grain = Grain(connection.UserId);
        try
        {
            // The detach is one-way: it goes out beside the connection's end instead of before it.
            if (last) _ = grain.Detach(_reference.Value);
            await grain.Disconnect(connection.Id);
        }
        catch (Exception ex)
        {
            // The leases lapse by themselves.
            _logger.LogWarning(ex, "Releasing connection {ConnectionId} of {UserId} failed", connection.Id, connection.UserId);
        }
    }

    /// <summary>Renews every user's attachment. Returns false if any failed (the caller tries again soon).</summary>
    public async Task<bool> RenewAll(CancellationToken cancellationToken)
    {
        List<Guid> users;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            users = [.. _users.Keys];
        }
        finally
        {
            _gate.Release();
        }
        return await Renewals.Each(users, Renew, cancellationToken);
    }

    private async Task<bool> Renew(Guid userId)
    {
        string[] ids;
        await _gate.WaitAsync();
        try
        {
            if (!_users.TryGetValue(userId, out var set)) return true;
            ids = [.. set];
        }
        finally
        {
            _gate.Release();
        }
        try
        {
            await Grain(userId).Attach(_reference.Value, ids).WaitAsync(_loss.Token);
            return true;
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Renewing the attachment to {UserId} failed", userId);
            return false;
        }
    }

    private IPresenceGrain Grain(Guid userId) => _cluster.GetGrain<IPresenceGrain>(userId);

    async Task IUserEventObserver.OnUnsubscribed(Guid userId) => await Renew(userId);

    async Task IUserEventObserver.OnUserEvent(Guid userId, UserEvent evt)
    {
        try
        {
            await OnEvent(userId, evt);
        }
        catch (Exception ex)
        {
            // The devices list their conversations again on their next (re)connect.
            _logger.LogError(ex, "Handling a user event for {UserId} failed", userId);
        }
    }

    /// <summary>From the entry that added the user, so each device sees "added" and everything after it, once.</summary>
    private async Task JoinAdded(Guid userId, List<ClientConnection> devices, Guid conversationId, long joinedSeq)
    {
        try
        {
            await Task.WhenAll(devices.Select(c => _feeds.Join(c, conversationId, joinedSeq - 1)));
        }
        catch (Exception ex)
        {
            // The devices join it with their next Sync (after a reconnect).
            _logger.LogError(ex, "Joining the devices of {UserId} to {ConversationId} failed", userId, conversationId);
        }
    }

    /// <summary>An event for a user of this gateway that reached it another way than the user's grain (<see cref="ChannelNews"/>).</summary>
    public Task Apply(Guid userId, UserEvent evt) => OnEvent(userId, evt);

    private async Task OnEvent(Guid userId, UserEvent evt)
    {
        var devices = _connections.OfUser(userId);
        if (devices.Count == 0) return;
        if (evt.Added is { } added)
        {
            ClientPush.To(devices, ClientPush.ConversationAdded(added));
            // Not awaited: a device's backlog is paced by that device, and this one observer serves every user here.
            _ = JoinAdded(userId, devices.Where(c => c.Synced).ToList(), added, evt.JoinedSeq);
        }
        if (evt.Removed is { } removed)
        {
            // Only the client is told here: the feed drops these connections at the removal entry itself,
            // which this news may overtake, so that the user still receives that entry and nothing after it.
            ClientPush.To(devices, ClientPush.ConversationRemoved(removed));
            // A channel writes no entry when one subscriber leaves (it would go to every other): its feed lets go here.
            if (GrainInterfaces.ConversationIds.IsChannel(removed)) _ = Task.WhenAll(devices.Select(c => _feeds.Leave(c, removed)));
        }
        if (evt.SessionEpoch is { } epoch)
        {
            // Signed out everywhere or suspended: connections opened with older tokens end now.
            foreach (var c in devices.Where(c => c.SessionEpoch < epoch)) c.Abort();
        }
        if (evt.EndedDevice is { } ended)
        {
            // That device signed out, was removed, or its refresh secret was reused: its connections end now.
            var cut = devices.Where(c => c.DeviceId == ended).ToList();
            foreach (var c in cut) c.Abort();
            if (cut.Count > 0) _logger.LogInformation("Closed {Count} connection(s) of {UserId} whose device session {DeviceId} ended", cut.Count, userId, ended);
        }
        if (evt.Settings is { } settings)
        {
            foreach (var c in devices) c.ReadReceipts = settings.ReadReceipts;
            ClientPush.To(devices, ClientPush.SettingsChanged(settings));
        }
        if (evt.Profile is { } profile)
        {
            ClientPush.To(devices, ClientPush.ProfileChanged(profile));
        }
        if (evt.Preferences is { } preferences)
        {
            ClientPush.To(devices, ClientPush.PreferencesChanged(preferences));
        }
    }
}
