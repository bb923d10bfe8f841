using GoChat.GrainInterfaces;
using GoChat.GrainInterfaces.Events;

namespace GoChat.Gateway.Delivery;

/// <summary>
/// This gateway's attachment to <see cref="IChannelNewsGrain"/>: when a mandatory channel opens, it asks the channel
/// which of the users it holds now subscribe and gives each the same "added" event a group gives its new members, so
/// their devices list it and join its feed at once. Attached with the first connection, renewed with the other leases.
/// </summary>
public sealed class ChannelNews : IChannelNewsObserver
{
    private readonly IClusterClient _cluster;
    private readonly ConnectionRegistry _connections;
    private readonly UserFeeds _users;
    private readonly ILogger<ChannelNews> _logger;
    private readonly Lazy<IChannelNewsObserver> _reference;
    private readonly Lock _lock = new();
    private Task? _attached;

    public ChannelNews(IClusterClient cluster, ConnectionRegistry connections, UserFeeds users, ILogger<ChannelNews> logger)
    {
        _cluster = cluster;
        _connections = connections;
        _users = users;
        _logger = logger;
        _reference = new(() => cluster.CreateObjectReference<IChannelNewsObserver>(this));
    }

    private IChannelNewsGrain Grain => _cluster.GetGrain<IChannelNewsGrain>(0);

    /// <summary>Attaches once; a failed attach is logged, never the connection's failure, and tried again by the next connection or renewal.</summary>
    public async Task Attached()
    {
        Task attach;
        lock (_lock)
        {
            if (_attached is null || _attached.IsFaulted || _attached.IsCanceled) _attached = Grain.Attach(_reference.Value);
            attach = _attached;
        }
        try
        {
            await attach;
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Attaching to channel news failed");
        }
    }

    public async Task<bool> Renew()
    {
        if (_attached is null) return true;
        try
        {
            await Grain.Attach(_reference.Value);
            return true;
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Renewing the attachment to channel news failed");
            return false;
        }
    }

    async Task IChannelNewsObserver.OnChannelOpened(Guid channelId, long joinedSeq)
    {
        try
        {
            var held = _connections.All.Select(c => c.UserId).Distinct().ToList();
            var channel = _cluster.GetGrain<IChannelGrain>(channelId);
            var added = new UserEvent(Added: channelId, JoinedSeq: joinedSeq);
            foreach (var batch in held.Chunk(Limits.MaxSubscriberQuery))
            {
                foreach (var user in await channel.SubscribersAmong(batch)) await _users.Apply(user, added);
            }
        }
        catch (Exception ex)
        {
            // Its subscribers list it at their next sync.
            _logger.LogError(ex, "Telling this gateway's users of channel {ChannelId} failed", channelId);
        }
    }
}
