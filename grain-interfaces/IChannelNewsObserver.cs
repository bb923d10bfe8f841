namespace GoChat.GrainInterfaces;

/// <summary>A gateway's receiver of news about channels that concern many of its users at once.</summary>
[Alias("gochat.IChannelNewsObserver")]
public interface IChannelNewsObserver : IGrainObserver
{
    /// <summary>A mandatory channel opened and enrolled its audience from <paramref name="joinedSeq"/>: tell the subscribers connected here.</summary>
    [OneWay, Alias("OnChannelOpened")] Task OnChannelOpened(Guid channelId, long joinedSeq);
}
