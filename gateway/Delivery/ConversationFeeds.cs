using GoChat.Gateway.Orleans;
using System.Collections.Concurrent;
using GoChat.Gateway.Hubs;
using GoChat.Gateway.Telemetry;
using Microsoft.AspNetCore.SignalR;

namespace GoChat.Gateway.Delivery;

/// <summary>
/// One <see cref="ConversationFeed"/> per conversation that any local connection is in: a 10,000-member
/// group costs this gateway one subscription, however many of its members are connected here.
/// </summary>
public sealed class ConversationFeeds(
    IClusterClient cluster,
    IHubContext<ChatHub, IChatClient> hub,
    ConnectionRegistry connections,
    GatewayMetrics metrics,
    SiloLoss loss,
    ILogger<ConversationFeeds> logger)
{
    private readonly ConcurrentDictionary<Guid, ConversationFeed> _feeds = new();

    /// <param name="afterSeq">The last seq the client has; a negative value means "from now on".</param>
    public async Task Join(ClientConnection connection, Guid conversationId, long afterSeq)
    {
        lock (connection.Conversations)
        {
            if (!connection.Conversations.Add(conversationId)) return;
        }
        while (true)
        {
            var feed = _feeds.GetOrAdd(conversationId, id => new ConversationFeed(id, cluster, hub, connections, metrics, loss, logger, Forget));
            try
            {
                if (await feed.Join(connection, afterSeq)) return;
            }
            catch
            {
                lock (connection.Conversations) connection.Conversations.Remove(conversationId);
                await Release(feed, connection.Id);
                throw;
            }
            Forget(feed);
        }
    }

    public async Task Leave(ClientConnection connection, Guid conversationId)
    {
        lock (connection.Conversations)
        {
            if (!connection.Conversations.Remove(conversationId)) return;
        }
        if (_feeds.TryGetValue(conversationId, out var feed)) await Release(feed, connection.Id);
    }

    public async Task LeaveAll(ClientConnection connection)
    {
        List<Guid> all;
        lock (connection.Conversations)
        {
            all = [.. connection.Conversations];
            connection.Conversations.Clear();
        }
        foreach (var id in all)
        {
            if (_feeds.TryGetValue(id, out var feed)) await Release(feed, connection.Id);
        }
    }

    /// <summary>Renews every feed's subscription. Returns false if any renewal failed.</summary>
    public Task<bool> RenewAll(CancellationToken cancellationToken) => Renewals.Each(_feeds.Values, feed => feed.Renew(), cancellationToken);

    private void Forget(ConversationFeed feed) =>
        _feeds.TryRemove(new KeyValuePair<Guid, ConversationFeed>(feed.ConversationId, feed));

    private async Task Release(ConversationFeed feed, string connectionId)
    {
        if (await feed.Leave(connectionId)) Forget(feed);
    }
}
