using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Utilities;

namespace GoChat.Grains.Channels;

/// <summary>Passes a channel's news to every attached gateway; holds nothing but their leases.</summary>
[GrainType("channel-news")]
public sealed class ChannelNewsGrain(IOptions<LeaseOptions> leases, ILogger<ChannelNewsGrain> logger) : Grain, IChannelNewsGrain
{
    private readonly ObserverManager<IChannelNewsObserver> _gateways = new(leases.Value.Lease, logger);

    public Task Attach(IChannelNewsObserver gateway)
    {
        _gateways.Subscribe(gateway, gateway);
        return Task.CompletedTask;
    }

    public Task Detach(IChannelNewsObserver gateway)
    {
        _gateways.Unsubscribe(gateway);
        return Task.CompletedTask;
    }

    public Task Opened(Guid channelId, long joinedSeq)
    {
        logger.LogInformation("Channel {ChannelId} opened: telling {Count} gateway(s)", channelId, _gateways.Count);
        _gateways.Notify(g => { _ = g.OnChannelOpened(channelId, joinedSeq); });
        return Task.CompletedTask;
    }
}
