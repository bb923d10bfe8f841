using GoChat.GrainInterfaces;
using GoChat.GrainInterfaces.Models;
using GoChat.Gateway.Hubs;
using Microsoft.AspNetCore.SignalR;

namespace GoChat.Gateway.Delivery;

/// <summary>Presence of the users that local connections are looking at (their chat list, an open chat).</summary>
public sealed class PresenceFeeds
{
    private readonly SharedSubscriptions<PresenceInfo> _subscriptions;

    public PresenceFeeds(IClusterClient cluster, IHubContext<ChatHub, IChatClient> hub, ILogger<PresenceFeeds> logger) =>
        _subscriptions = new(cluster, StreamNames.Presence, (_, presence, targets) => hub.Clients.Clients(targets.ToList()).PresenceChanged(presence), logger);

    public async Task Watch(ClientConnection connection, Guid userId)
    {
        lock (connection.WatchedPresence)
        {
            if (!connection.WatchedPresence.Add(userId)) return;
        }
        await _subscriptions.Acquire(userId, connection.Id);
    }

    public async Task UnwatchAll(ClientConnection connection)
    {
        List<Guid> all;
        lock (connection.WatchedPresence)
        {
            all = [.. connection.WatchedPresence];
            connection.WatchedPresence.Clear();
        }
        foreach (var u in all) await _subscriptions.Release(u, connection.Id);
    }
}
