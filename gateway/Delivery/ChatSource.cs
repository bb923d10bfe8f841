using GoChat.GrainInterfaces;

namespace GoChat.Gateway.Delivery;

/// <summary>
/// What a conversation and a channel both answer (history, one message, a file, reactions, the gateway feed), sent to
/// the one the id names: channel ids carry a tag (<see cref="ConversationIds.IsChannel"/>), so no lookup is needed.
/// </summary>
public readonly struct ChatSource(IGrainFactory grains, Guid id)
{
    public Guid Id => id;

    public bool IsChannel { get; } = ConversationIds.IsChannel(id);

    private IChannelGrain Channel => grains.GetGrain<IChannelGrain>(id);

    private IConversationGrain Conversation => grains.GetGrain<IConversationGrain>(id);

    public Task<IReadOnlyList<ChatMessage>> GetAfter(Guid requester, long afterSeq, int limit) =>
        IsChannel ? Channel.GetAfter(requester, afterSeq, limit) : Conversation.GetAfter(requester, afterSeq, limit);

    public Task<IReadOnlyList<ChatMessage>> GetBefore(Guid requester, long beforeSeq, int limit) =>
        IsChannel ? Channel.GetBefore(requester, beforeSeq, limit) : Conversation.GetBefore(requester, beforeSeq, limit);

    public Task<IReadOnlyList<ChatMessage>> ReadForDelivery(long afterSeq, int limit) =>
        IsChannel ? Channel.ReadForDelivery(afterSeq, limit) : Conversation.ReadForDelivery(afterSeq, limit);

    public Task<ChatMessage> GetMessage(Guid requester, long seq) =>
        IsChannel ? Channel.GetMessage(requester, seq) : Conversation.GetMessage(requester, seq);

    public Task<FileDownload> GetDownload(Guid requester, long seq, Guid blobId, FileVariant variant) =>
        IsChannel ? Channel.GetDownload(requester, seq, blobId, variant) : Conversation.GetDownload(requester, seq, blobId, variant);

    public Task<SendAck> React(Guid user, long seq, string emoji, bool add) =>
        IsChannel ? Channel.React(user, seq, emoji, add) : Conversation.React(user, seq, emoji, add);

    public Task<long> Subscribe(IConversationObserver observer) =>
        IsChannel ? Channel.Subscribe(observer) : Conversation.Subscribe(observer);

    public Task Unsubscribe(IConversationObserver observer) =>
        IsChannel ? Channel.Unsubscribe(observer) : Conversation.Unsubscribe(observer);
}
