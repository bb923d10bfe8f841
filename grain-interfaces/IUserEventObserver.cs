using GoChat.GrainInterfaces.Events;

namespace GoChat.GrainInterfaces;

/// <summary>
/// A gateway's receiver of user events (conversation added or removed, settings, profile, sessions ended) for
/// the users it holds connections of. One-way and leased like <see cref="IConversationObserver"/>: a lost event
/// heals at the next (re)connect, which lists the conversations again.
/// </summary>
[Alias("gochat.IUserEventObserver")]
public interface IUserEventObserver : IGrainObserver
{
    [OneWay, Alias("OnUserEvent")] Task OnUserEvent(Guid userId, UserEvent evt);

    /// <summary>The user's activation is going away and forgets its subscribers and connections: attach again.</summary>
    [OneWay, Alias("OnUnsubscribed")] Task OnUnsubscribed(Guid userId);
}
