namespace GoChat.GrainInterfaces;

/// <summary>
/// Every gateway, attached under a lease (key 0). A mandatory channel enrols thousands in one statement; telling each of
/// them through their own grain would be a call per subscriber, so the channel tells this grain once and it tells each
/// gateway, which finds its own subscribers among the users it holds. A gateway that misses it (one-way, or attached
/// again after a silo loss) lists the channel at its users' next sync, as for any lost user event.
/// </summary>
[Alias("gochat.IChannelNewsGrain")]
public interface IChannelNewsGrain : IGrainWithIntegerKey
{
    /// <summary>Attaches or renews the gateway's lease.</summary>
    [Alias("Attach")] Task Attach(IChannelNewsObserver gateway);

    [Alias("Detach")] Task Detach(IChannelNewsObserver gateway);

    [Alias("Opened")] Task Opened(Guid channelId, long joinedSeq);
}
