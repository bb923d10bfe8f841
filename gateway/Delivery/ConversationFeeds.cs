using GoChat.Gateway.Orleans;
using System.Collections.Concurrent;
using GoChat.Gateway.Telemetry;

namespace GoChat.Gateway.Delivery;

/// <summary>
/// One <see cref="ConversationFeed"/> per conversation that any local connection is in: a 10,000-member
/// group costs this gateway one subscription, however many of its members are connected here.
/// </summary>
public sealed class ConversationFeeds(
    IClusterClient cluster,
    ConnectionRegistry connections,
    GatewayMetrics metrics,
    SiloLoss loss,
    Broadcasts.DeliveryMarking marking,
    ILogger<ConversationFeeds> logger)
{
    /// <summary>How many feeds one disconnect releases at once: each is a short wait for its gate and maybe a one-way call.</summary>
    private const int ReleasesAtOnce = 32;

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
            var feed = _feeds.GetOrAdd(conversationId, id => new ConversationFeed(id, cluster, connections, metrics, loss, marking, logger, Forget));
            try
            {
                if (await feed.Join(connection, afterSeq))
                {
                    // It closed while joining, after its disconnect released what it had joined before.
                    if (connection.Outbox.Closed) await Release(feed, connection.Id);
                    return;
                }
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

    /// <summary>
    /// Releases every feed the closed connection is in, several at once: a user in 2,000 conversations must not
    /// wait for 2,000 feed gates one after another (a gate may be held by a gap being filled from the log).
    /// </summary>
    public async Task LeaveAll(ClientConnection connection)
    {
        List<ConversationFeed> all;
        lock (connection.Conversations)
        {
            all = [.. connection.Conversations.Select(id => _feeds.GetValueOrDefault(id)).OfType<ConversationFeed>()];
            connection.Conversations.Clear();
        }
        if (all.Count == 1)
        {
            await Release(all[0], connection.Id);
            return;
        }
        await Parallel.ForEachAsync(all, new ParallelOptions { MaxDegreeOfParallelism = ReleasesAtOnce },
            async (feed, _) => await Release(feed, connection.Id));
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
