using GoChat.GrainInterfaces;
using GoChat.GrainInterfaces.Events;
using GoChat.Gateway.Hubs;
using Microsoft.AspNetCore.SignalR;

namespace GoChat.Gateway.Delivery;

/// <summary>Per-user events for every device of a user connected here: joins and leaves conversation feeds, settings.</summary>
public sealed class UserFeeds
{
    private readonly SharedSubscriptions<UserEvent> _subscriptions;
    private readonly ConnectionRegistry _connections;
    private readonly ConversationFeeds _feeds;
    private readonly IHubContext<ChatHub, IChatClient> _hub;

    public UserFeeds(IClusterClient cluster, ConnectionRegistry connections, ConversationFeeds feeds, IHubContext<ChatHub, IChatClient> hub, ILogger<UserFeeds> logger)
    {
        _connections = connections;
        _feeds = feeds;
        _hub = hub;
        _subscriptions = new(cluster, StreamNames.User, OnEvent, logger);
    }

    public Task Acquire(ClientConnection connection) => _subscriptions.Acquire(connection.UserId, connection.Id);

    public Task Release(ClientConnection connection) => _subscriptions.Release(connection.UserId, connection.Id);

    private async Task OnEvent(Guid userId, UserEvent evt, IReadOnlyCollection<string> _)
    {
        var devices = _connections.OfUser(userId);
        if (evt.Added is { } added)
        {
            // From the entry that added the user, so the device sees "added" and everything after it, once.
            foreach (var c in devices.Where(c => c.Synced)) await _feeds.Join(c, added, evt.JoinedSeq - 1);
            await _hub.Clients.Clients(devices.Select(d => d.Id).ToList()).ConversationAdded(added);
        }
        if (evt.Removed is { } removed)
        {
            // Only the client is told here: the feed drops these connections at the removal entry itself,
            // which this news may overtake, so that the user still receives that entry and nothing after it.
            await _hub.Clients.Clients(devices.Select(d => d.Id).ToList()).ConversationRemoved(removed);
        }
        if (evt.SessionEpoch is { } epoch)
        {
            // Signed out everywhere or suspended: connections opened with older tokens end now.
            foreach (var c in devices.Where(c => c.SessionEpoch < epoch)) c.Abort();
        }
        if (evt.Settings is { } settings)
        {
            foreach (var c in devices) c.ReadReceipts = settings.ReadReceipts;
            await _hub.Clients.Clients(devices.Select(d => d.Id).ToList()).SettingsChanged(settings);
        }
        if (evt.Profile is { } profile)
        {
            await _hub.Clients.Clients(devices.Select(d => d.Id).ToList()).ProfileChanged(profile);
        }
    }
}
