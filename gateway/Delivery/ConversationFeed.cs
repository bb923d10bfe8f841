using GoChat.GrainInterfaces;
using GoChat.GrainInterfaces.Events;
using GoChat.Gateway.Hubs;
using GoChat.Gateway.Telemetry;
using Microsoft.AspNetCore.SignalR;
using Orleans.Streams;

namespace GoChat.Gateway.Delivery;

/// <summary>
/// This gateway's single subscription to one conversation's stream, shared by every local connection in
/// it. It delivers log entries to those connections exactly once and in seq order: duplicates are dropped,
/// and a gap (a lost stream event) is filled from the log before anything after it is pushed.
/// </summary>
public sealed class ConversationFeed(
    Guid conversationId,
    IClusterClient cluster,
    IHubContext<ChatHub, IChatClient> hub,
    GatewayMetrics metrics,
    ILogger logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, ClientConnection> _members = [];
    private StreamSubscriptionHandle<ConversationEvent>? _subscription;
    private long _lastSeq;

    public Guid ConversationId => conversationId;

    /// <summary>Set once the last connection has left; a joiner that sees it must make a new feed.</summary>
    public bool Closed { get; private set; }

    private IConversationGrain Grain => cluster.GetGrain<IConversationGrain>(conversationId);

    /// <summary>
    /// Adds the connection, first pushing what it missed after <paramref name="afterSeq"/> so that live
    /// entries follow the backlog without overlap. Returns false if the feed closed meanwhile.
    /// </summary>
    public async Task<bool> Join(ClientConnection connection, long afterSeq)
    {
        await _gate.WaitAsync();
        try
        {
            if (Closed) return false;
            if (_subscription is null)
            {
                // Subscribe before reading the last seq: anything published in between arrives as a duplicate, never as a hole.
                var stream = cluster.GetStreamProvider(StreamNames.Provider)
                    .GetStream<ConversationEvent>(StreamId.Create(StreamNames.Conversation, conversationId));
                _subscription = await stream.SubscribeAsync(OnEvent);
                _lastSeq = await Grain.GetLastSeq(connection.UserId);
            }
            if (_members.ContainsKey(connection.Id)) return true;
            var from = afterSeq < 0 ? _lastSeq : afterSeq;
            while (from < _lastSeq)
            {
                var page = await Grain.GetAfter(connection.UserId, from, Math.Min(Limits.MaxHistoryPage, (int)(_lastSeq - from)));
                var upTo = page.Where(m => m.Seq <= _lastSeq).ToList();
                if (upTo.Count == 0) break;
                foreach (var m in upTo) await hub.Clients.Client(connection.Id).MessageReceived(m);
                from = upTo[^1].Seq;
            }
            _members[connection.Id] = connection;
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Removes the connection; returns true when the feed has no members left and was closed.</summary>
    public async Task<bool> Leave(string connectionId)
    {
        await _gate.WaitAsync();
        try
        {
            _members.Remove(connectionId);
            if (_members.Count > 0 || Closed) return false;
            Closed = true;
            if (_subscription is not null)
            {
                try
                {
                    await _subscription.UnsubscribeAsync();
                }
                catch (Exception ex)
                {
                    logger.LogWarning(ex, "Unsubscribing from {ConversationId} failed", conversationId);
                }
            }
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task OnEvent(ConversationEvent evt, StreamSequenceToken? token)
    {
        await _gate.WaitAsync();
        try
        {
            if (Closed || _members.Count == 0) return;
            if (evt.Message is { } message) await DeliverInOrder(message);
            else if (evt.Receipt is { } receipt) await DeliverReceipt(receipt);
            else if (evt.Typing is { } typing) await DeliverTyping(typing);
        }
        catch (Exception ex)
        {
            // Delivery to clients failed or the log read failed; the next event or the client's next sync retries.
            logger.LogError(ex, "Delivering an event of {ConversationId} failed", conversationId);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task DeliverInOrder(ChatMessage message)
    {
        if (message.Seq <= _lastSeq) return;
        if (message.Seq > _lastSeq + 1)
        {
            var reader = _members.Values.First().UserId;
            while (_lastSeq < message.Seq - 1)
            {
                var missing = await Grain.GetAfter(reader, _lastSeq, (int)Math.Min(Limits.MaxHistoryPage, message.Seq - 1 - _lastSeq));
                if (missing.Count == 0) break;
                metrics.GapFilled(missing.Count);
                foreach (var m in missing.Where(m => m.Seq < message.Seq)) await Push(m);
            }
        }
        await Push(message);
    }

    private async Task Push(ChatMessage message)
    {
        if (message.Seq <= _lastSeq) return;
        _lastSeq = message.Seq;
        var targets = _members.Keys.ToList();
        await hub.Clients.Clients(targets).MessageReceived(message);
        metrics.Delivered(message, targets.Count);

        // A member who was removed or left gets that entry, and nothing after it.
        if (message.Kind is MessageKind.MemberRemoved or MessageKind.MemberLeft && message.SubjectUserId is { } gone)
        {
            foreach (var c in _members.Values.Where(c => c.UserId == gone).ToList())
            {
                _members.Remove(c.Id);
                lock (c.Conversations) c.Conversations.Remove(conversationId);
            }
        }
    }

    private Task DeliverReceipt(Receipt receipt)
    {
        // Members who keep read receipts off see delivery ticks only, as they do not share theirs either.
        var sharing = _members.Values.Where(c => c.ReadReceipts).Select(c => c.Id).ToList();
        var private_ = _members.Values.Where(c => !c.ReadReceipts).Select(c => c.Id).ToList();
        var tasks = new List<Task>(2);
        if (sharing.Count > 0) tasks.Add(hub.Clients.Clients(sharing).ReceiptUpdated(receipt));
        if (private_.Count > 0) tasks.Add(hub.Clients.Clients(private_).ReceiptUpdated(receipt with { ReadSeq = null }));
        return Task.WhenAll(tasks);
    }

    private Task DeliverTyping(TypingSignal typing)
    {
        var others = _members.Values.Where(c => c.UserId != typing.UserId).Select(c => c.Id).ToList();
        return others.Count == 0 ? Task.CompletedTask : hub.Clients.Clients(others).TypingChanged(typing);
    }
}
