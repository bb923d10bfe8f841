using GoChat.GrainInterfaces.Events;
using GoChat.Grains.Storage;
using GoChat.Grains.Telemetry;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace GoChat.Grains.Conversations;

/// <summary>
/// A conversation entry's way from its seq to the gateways: it goes to the log in the same turn that took the seq (so
/// appends reach the writer in seq order), its sender is acked once it is durable, and the subscribed gateways get it
/// strictly in seq order and never before it is durable (one one-way message per gateway).
/// </summary>
/// <remarks>
/// Gateways subscribe directly instead of through an Orleans stream: a memory stream costs three Orleans messages per
/// event (produce to the queue grain, the pulling agent's dequeue, delivery), a subscription one, and the benchmark
/// showed those hops as most of the CPU per message. The lease and the seq gaps keep it as safe as the stream: a
/// gateway renews its subscription, and fills any gap from the log.
/// An append the log could not store breaks the activation: seqs after it may already be taken, so it deactivates
/// and the next activation resumes from what the log really holds.
/// </remarks>
internal sealed class EntryPipeline(Guid conversationId, IMessageLog log, TimeSpan lease, GoChatMetrics metrics, ILogger logger, Action deactivate)
{
    private readonly ObserverManager<IConversationObserver> _subscribers = new(lease, logger);
    private Task _publishTail = Task.CompletedTask;

    /// <summary>
    /// The highest seq handed to subscribers. Everything at or below it is durable, and anything above it is
    /// published after this moment, so a subscriber that reads this after subscribing misses nothing.
    /// </summary>
    public long PublishedSeq { get; private set; }

    /// <summary>Set once an append failed; no seq is handed out again in this activation.</summary>
    public bool Broken { get; private set; }

    /// <summary>Runs in the publishing turn for every entry handed to subscribers; must not block (Web Push offers to a queue).</summary>
    public Action<ChatMessage>? Published { get; init; }

    public void StartAt(long lastSeq) => PublishedSeq = lastSeq;

    public long Subscribe(IConversationObserver observer)
    {
        _subscribers.Subscribe(observer, observer);
        return PublishedSeq;
    }

    public void Unsubscribe(IConversationObserver observer) => _subscribers.Unsubscribe(observer);

    /// <summary>Every accepted entry published; then the subscribers hear that this activation is going.</summary>
    public async Task Close()
    {
        await _publishTail;
        // The next activation starts with no subscribers: tell them now rather than at their next renewal.
        _subscribers.Notify(o => { _ = o.OnUnsubscribed(conversationId); });
    }

    /// <summary>The sender's ack, once the entry is durable; its publication is chained behind every earlier one.</summary>
    public Task<SendAck> AppendWithAck(ChatMessage entry) => AckWhenDurable(entry, StartAppend(entry));

    /// <summary>Membership changes: the conversation's state and the log entries are written together; a failure breaks the activation.</summary>
    public async Task Commit(Func<Task> writeState, ChatMessage[] entries)
    {
        var durable = entries.Select(StartAppend).ToList();
        try
        {
            await writeState();
            await Task.WhenAll(durable);
        }
        catch (Exception ex)
        {
            // The state may be written while its entry is not: start over from what is stored, whoever is at fault.
            Break(ex);
            if (ex is InvalidEntryException) throw InvalidText();
            throw new GoChatException(ErrorCodes.Unavailable, "The change could not be stored; try again.");
        }
        foreach (var e in entries) metrics.MessageSent(e.Kind);
    }

    /// <summary>
    /// One-way to each subscribed gateway. Live delivery may drop an event (a gateway restarting, a silo
    /// dying): the gateway sees the gap in seq, or the newer published seq when it renews, and reads the log.
    /// </summary>
    public void Publish(ConversationEvent evt) => _subscribers.Notify(o => { _ = o.OnEvent(conversationId, evt); });

    public static GoChatException InvalidText() => new(ErrorCodes.InvalidText, "The text holds characters that cannot be stored.");

    private Task StartAppend(ChatMessage entry)
    {
        var durable = log.Append(entry);
        _publishTail = PublishInOrder(_publishTail, durable, entry);
        return durable;
    }

    private async Task<SendAck> AckWhenDurable(ChatMessage entry, Task durable)
    {
        try
        {
            await durable;
        }
        catch (MessageLogException ex)
        {
            Break(ex);
            throw new GoChatException(ErrorCodes.Unavailable, "The message could not be stored; send it again.");
        }
        catch (InvalidEntryException)
        {
            // The sender's mistake, not the database's: its seq holds a placeholder and the conversation goes on.
            throw InvalidText();
        }
        catch (ClientMessageIdTakenException)
        {
            var original = await log.FindByClientId(entry.ConversationId, entry.SenderId, entry.ClientMessageId!);
            if (original is null) throw new GoChatException(ErrorCodes.Unavailable, "The message could not be stored; send it again.");
            return new SendAck(original.ConversationId, original.Seq, original.SentAt, Duplicate: true);
        }
        metrics.MessageSent(entry.Kind);
        return new SendAck(entry.ConversationId, entry.Seq, entry.SentAt);
    }

    private async Task PublishInOrder(Task previous, Task durable, ChatMessage entry)
    {
        await previous;
        try
        {
            await durable;
        }
        catch (MessageLogException)
        {
            return; // never stored, so never delivered; the sender was told
        }
        catch (EntryReplacedException replaced)
        {
            entry = replaced.Placeholder;
        }
        PublishedSeq = entry.Seq;
        Publish(new ConversationEvent(Message: entry));
        Published?.Invoke(entry);
    }

    private void Break(Exception ex)
    {
        if (Broken) return;
        Broken = true;
        logger.LogError(ex, "Conversation {ConversationId} lost an append; deactivating to resume from the log", conversationId);
        deactivate();
    }
}
