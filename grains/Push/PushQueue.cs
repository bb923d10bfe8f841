using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace GoChat.Grains.Push;

/// <summary>A new text message that may call for pushes: which conversation, and who wrote (never pushed to).</summary>
public readonly record struct PushNotice(Guid ConversationId, Guid SenderId);

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

    internal ChannelReader<PushNotice> Reader => _channel.Reader;

    internal void Complete() => _channel.Writer.TryComplete();
}
