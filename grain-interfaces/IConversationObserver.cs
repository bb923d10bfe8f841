using GoChat.GrainInterfaces.Events;

namespace GoChat.GrainInterfaces;

/// <summary>
/// A gateway's receiver of live conversation events. One-way: the conversation never waits on a gateway,
/// and an event that does not arrive shows up as a gap in seq that the gateway fills from the log.
/// </summary>
[Alias("gochat.IConversationObserver")]
public interface IConversationObserver : IGrainObserver
{
    [OneWay, Alias("OnEvent")] Task OnEvent(Guid conversationId, ConversationEvent evt);

    /// <summary>The conversation's activation is going away and forgets its subscribers: subscribe again.</summary>
    [OneWay, Alias("OnUnsubscribed")] Task OnUnsubscribed(Guid conversationId);
}
