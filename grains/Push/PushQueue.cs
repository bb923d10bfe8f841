using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace GoChat.Grains.Push;

/// <summary>A new text message that may call for pushes: which conversation, and who wrote (never pushed to).</summary>
/// <param name="UnreadBefore">A reminder (issue 16): only members who have not read up to this seq, muted or not; 0 for a new message.</param>
public readonly record struct PushNotice(Guid ConversationId, Guid SenderId, long UnreadBefore = 0);

/// <summary>
/// Between the conversation grains and the <see cref="PushDispatcher"/>: a bounded channel, offered to without
/// waiting, so the message path never waits on Web Push. When it is full the notice is dropped and counted; a
/// dropped notice costs a notification, never a message.
/// </summary>
public sealed class PushQueue
{
    private readonly Channel<PushNotice> _channel;
    private readonly PushMetrics _metrics;

    public PushQueue(IOptions<WebPushOptions> options, PushMetrics metrics)
    {
        _metrics = metrics;
        _channel = Channel.CreateBounded<PushNotice>(new BoundedChannelOptions(options.Value.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.DropWrite,
            SingleReader = true,
            SingleWriter = false,
        }, _ => metrics.NoticeDropped());
    }

    /// <summary>Called in the conversation grain's turn once the message is published: never blocks.</summary>
    public void Offer(Guid conversationId, Guid senderId) => _channel.Writer.TryWrite(new PushNotice(conversationId, senderId));

    /// <summary>A channel admin's reminder: a push to every subscriber who has not read up to <paramref name="seq"/>.</summary>
    public void Remind(Guid conversationId, Guid senderId, long seq) => _channel.Writer.TryWrite(new PushNotice(conversationId, senderId, seq));

    internal ChannelReader<PushNotice> Reader => _channel.Reader;

    internal void Complete() => _channel.Writer.TryComplete();
}
