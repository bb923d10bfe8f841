using GoChat.Gateway.Orleans;
using GoChat.GrainInterfaces;
using GoChat.GrainInterfaces.Events;
using GoChat.Gateway.Telemetry;
using Microsoft.AspNetCore.SignalR;

namespace GoChat.Gateway.Delivery;

/// <summary>
/// This gateway's single subscription to one conversation, shared by every local connection in it. It
/// delivers log entries to those connections exactly once and in seq order: duplicates are dropped, and a
/// gap (a lost event) is filled from the log before anything after it is pushed.
/// </summary>
/// <remarks>
/// Membership of the feed follows the conversation's own entries, which arrive in seq order: a
/// MemberRemoved or MemberLeft entry is the last thing the departing user's connections get, and a
/// MemberAdded entry brings the added user's local connections in from that entry on. News on the user
/// stream can overtake these entries, so it never removes anyone here.
///
/// The feed is its own observer object: Orleans hands it one event at a time, in the order they came.
/// It renews its subscription (<see cref="Renew"/>) before the lease lapses; the renewal also returns the
/// last published seq, so an event lost at the tail (nothing newer to reveal the gap) is caught up then.
/// Its grain calls hold the feed's gate, so they give up when a silo leaves (<see cref="SiloLoss"/>) rather than
/// block the feed until their response timeout; the renewal that follows the loss does them again.
/// </remarks>
public sealed class ConversationFeed(
    Guid conversationId,
    IClusterClient cluster,
    ConnectionRegistry connections,
    GatewayMetrics metrics,
    SiloLoss loss,
    Broadcasts.DeliveryMarking marking,
    ILogger logger,
    Action<ConversationFeed> onClosed) : IConversationObserver
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, Member> _members = [];
    private IConversationObserver? _reference;
    private long _lastSeq;

    public Guid ConversationId => conversationId;

    /// <summary>Set once the last connection has left; a joiner that sees it must make a new feed.</summary>
    public bool Closed { get; private set; }

    private ChatSource Grain => new(cluster, conversationId);

    /// <summary>
    /// Adds the connection, first posting what it missed after <paramref name="afterSeq"/> so that live entries
    /// follow the backlog without gap or overlap. Returns false if the feed closed meanwhile.
    /// </summary>
    /// <remarks>
    /// The backlog is read and posted outside the gate, at the pace of this one client, so that live delivery to
    /// the other members never waits for it. Meanwhile the member is already in the feed, from the entry after the
    /// last published one, with its live entries held back (<see cref="Member.Held"/>) and posted after its backlog.
    /// </remarks>
    /// <param name="afterSeq">The last seq the client holds; negative for "from now on".</param>
    public async Task<bool> Join(ClientConnection connection, long afterSeq)
    {
        Member member;
        long upTo;
        await _gate.WaitAsync();
        try
        {
            if (Closed) return false;
            if (_reference is null)
            {
                var reference = cluster.CreateObjectReference<IConversationObserver>(this);
                try
                {
                    _lastSeq = await Grain.Subscribe(reference).WaitAsync(loss.Token);
                }
                catch
                {
                    cluster.DeleteObjectReference<IConversationObserver>(reference);
                    throw;
                }
                _reference = reference;
            }
            if (_members.ContainsKey(connection.Id)) return true;
            upTo = _lastSeq;
            // A seq the conversation has not reached yet (a client's mistake, or long.MaxValue) means "from now on".
            afterSeq = Math.Min(afterSeq, upTo);
            var catchingUp = afterSeq >= 0 && afterSeq < upTo;
            member = new Member(connection, Math.Max(afterSeq, upTo) + 1) { Held = catchingUp ? [] : null };
            _members[connection.Id] = member;
            if (!catchingUp) return true;
        }
        finally
        {
            _gate.Release();
        }

        await PostBacklog(connection, afterSeq, upTo);
        await CatchUp(member);
        return true;
    }

    /// <summary>
    /// Posts what was held for the member while its backlog went out, outside the gate and paced like the backlog,
    /// until nothing more is held; then, under the gate, the member goes live.
    /// </summary>
    private async Task CatchUp(Member member)
    {
        while (true)
        {
            List<SerializedHubMessage> held;
            await _gate.WaitAsync();
            try
            {
                held = member.Held!;
                if (held.Count == 0 || member.Left || member.Connection.Outbox.Closed)
                {
                    // From here on, under the gate, live entries go straight to its outbox, after all of these.
                    member.Held = null;
                    return;
                }
                member.Held = [];
            }
            finally
            {
                _gate.Release();
            }
            foreach (var push in held)
            {
                if (!await member.Connection.Outbox.PostWhenRoomAsync(push)) break;
            }
        }
    }

    /// <summary>The entries after <paramref name="from"/> up to <paramref name="upTo"/>, as this member may see them.</summary>
    private async Task PostBacklog(ClientConnection connection, long from, long upTo)
    {
        while (from < upTo)
        {
            // The member's own view: history before they joined is not theirs to read.
            var page = await Grain.GetAfter(connection.UserId, from, (int)Math.Min(Limits.MaxHistoryPage, upTo - from)).WaitAsync(loss.Token);
            var posted = false;
            foreach (var m in page)
            {
                if (m.Seq > upTo) break;
                // Waits while this client's outbox is half full: a slow reader paces its own catch-up.
                if (!await connection.Outbox.PostWhenRoomAsync(ClientPush.MessageReceived(marking.For(m, connection.UserId)))) return;
                from = m.Seq;
                posted = true;
            }
            if (!posted) break;
        }
    }

    /// <summary>Removes the connection; returns true when the feed has no members left and was closed.</summary>
    public async Task<bool> Leave(string connectionId)
    {
        await _gate.WaitAsync();
        try
        {
            if (_members.Remove(connectionId, out var member)) member.Left = true;
            if (_members.Count > 0 || Closed) return false;
            await Close();
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Subscribes again (the lease is renewed, or restored after the conversation's activation moved) and pushes
    /// whatever was published but never arrived. Returns false if it failed; the caller tries again.
    /// </summary>
    public async Task<bool> Renew()
    {
        await _gate.WaitAsync();
        try
        {
            if (Closed || _reference is null) return true;
            var published = await Grain.Subscribe(_reference).WaitAsync(loss.Token);
            await FillUpTo(published);
            return true;
        }
        catch (Exception ex)
        {
            // The next renewal tries again; a client that reconnects syncs from the log anyway.
            logger.LogWarning(ex, "Renewing the subscription to {ConversationId} failed", conversationId);
            return false;
        }
        finally
        {
            _gate.Release();
        }
    }

    async Task IConversationObserver.OnUnsubscribed(Guid id) => await Renew();

    async Task IConversationObserver.OnEvent(Guid id, ConversationEvent evt)
    {
        await _gate.WaitAsync();
        try
        {
            if (Closed || _members.Count == 0) return;
            if (evt.Message is { } message) await DeliverInOrder(message);
            else if (evt.Receipt is { } receipt) await DeliverReceipt(receipt);
            else if (evt.Typing is { } typing) await DeliverTyping(typing);
            else if (evt.Receipts is { } receipts) await DeliverReceipts(receipts);
            if (_members.Count == 0)
            {
                await Close();
                onClosed(this);
            }
        }
        catch (Exception ex)
        {
            // Pushing to clients or reading the log failed; the next event fills the gap, a reconnect syncs.
            logger.LogError(ex, "Delivering an event of {ConversationId} failed", conversationId);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task DeliverInOrder(ChatMessage message)
    {
        await FillUpTo(message.Seq - 1);
        Push(message);
    }

    /// <summary>Pushes the entries up to and including <paramref name="seq"/> that never arrived live, from the log.</summary>
    private async Task FillUpTo(long seq)
    {
        while (_lastSeq < seq)
        {
            var before = _lastSeq;
            var missing = await Grain.ReadForDelivery(_lastSeq, (int)Math.Min(Limits.MaxHistoryPage, seq - _lastSeq)).WaitAsync(loss.Token);
            foreach (var m in missing.Where(m => m.Seq <= seq)) Push(m);
            if (_lastSeq == before) break;
            metrics.GapFilled((int)(_lastSeq - before));
        }
    }

    /// <summary>Posts the entry to every member owed it; never waits for a client.</summary>
    private void Push(ChatMessage message)
    {
        if (message.Seq <= _lastSeq) return;
        _lastSeq = message.Seq;
        if (message.Kind == MessageKind.MemberAdded && message.SubjectUserId is { } added) AdmitLocalDevices(added, message.Seq);

        // A protected broadcast goes out as one copy per recipient (their mark); anything else serialized once for all.
        var marked = Broadcasts.DeliveryMarking.NeedsMark(message);
        var shared = marked ? null : ClientPush.MessageReceived(message);
        Dictionary<Guid, SerializedHubMessage>? copies = marked ? [] : null;
        var targets = 0;
        foreach (var m in _members.Values)
        {
            if (m.FromSeq > message.Seq) continue;
            targets++;
            var push = shared ?? CopyFor(m.Connection.UserId);
            if (m.Held is not { } held) m.Connection.Outbox.TryPost(push);
            // A client whose live entries outgrow its outbox while it catches up cannot keep up either.
            else if (held.Count < m.Connection.Outbox.Capacity) held.Add(push);
            else m.Connection.Outbox.GiveUp();
        }
        metrics.Delivered(message, targets);

        SerializedHubMessage CopyFor(Guid user)
        {
            if (!copies!.TryGetValue(user, out var copy)) copies[user] = copy = ClientPush.MessageReceived(marking.For(message, user));
            return copy;
        }

        if (message.Kind is MessageKind.MemberRemoved or MessageKind.MemberLeft && message.SubjectUserId is { } gone)
        {
            foreach (var m in _members.Values.Where(m => m.Connection.UserId == gone).ToList())
            {
                // Not Left: a member still catching up gets its held entries, this last one among them.
                _members.Remove(m.Connection.Id);
                lock (m.Connection.Conversations) m.Connection.Conversations.Remove(conversationId);
            }
        }
    }

    /// <summary>The added user's synced devices here get this entry and everything after it.</summary>
    private void AdmitLocalDevices(Guid userId, long seq)
    {
        foreach (var c in connections.OfUser(userId).Where(c => c.Synced && !_members.ContainsKey(c.Id)))
        {
            lock (c.Conversations) c.Conversations.Add(conversationId);
            _members[c.Id] = new Member(c, seq);
        }
    }

    private Task DeliverReceipt(Receipt receipt)
    {
        // Members who keep read receipts off see delivery ticks only, as they do not share theirs either.
        var sharing = _members.Values.Where(m => m.Connection.ReadReceipts).Select(m => m.Connection).ToList();
        var notSharing = _members.Values.Where(m => !m.Connection.ReadReceipts).Select(m => m.Connection).ToList();
        if (sharing.Count > 0) ClientPush.To(sharing, ClientPush.ReceiptUpdated(receipt));
        if (notSharing.Count > 0) ClientPush.To(notSharing, ClientPush.ReceiptUpdated(receipt with { ReadSeq = null }));
        return Task.CompletedTask;
    }

    /// <summary>
    /// A group's window of cursor changes: each sender's counts to that sender's connections here, each member's own
    /// cursors to that member's connections here, and nothing to anyone else.
    /// </summary>
    private Task DeliverReceipts(ReceiptBatch batch)
    {
        foreach (var counts in batch.Counts) ClientPush.To(LocalDevices(counts.SenderId), ClientPush.ReceiptCountsUpdated(counts));
        foreach (var own in batch.OwnCursors) ClientPush.To(LocalDevices(own.UserId), ClientPush.ReceiptUpdated(own));
        return Task.CompletedTask;
    }

    /// <summary>The user's connections on this gateway that are members of this feed: a device or two, found without a walk over the feed.</summary>
    private IEnumerable<ClientConnection> LocalDevices(Guid userId) =>
        connections.OfUser(userId).Where(c => _members.ContainsKey(c.Id));

    /// <summary>Only to connections that have this chat open: in a large group most members are looking elsewhere.</summary>
    private Task DeliverTyping(TypingSignal typing)
    {
        var watching = _members.Values
            .Where(m => m.Connection.UserId != typing.UserId && m.Connection.OpenConversation == conversationId)
            .Select(m => m.Connection).ToList();
        if (watching.Count > 0) ClientPush.To(watching, ClientPush.TypingChanged(typing));
        return Task.CompletedTask;
    }

    /// <summary>Called under the gate once no member is left.</summary>
    private async Task Close()
    {
        Closed = true;
        if (_reference is null) return;
        try
        {
            // One-way; if it is lost, the lease lapses and the conversation forgets this feed by itself.
            await Grain.Unsubscribe(_reference);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Unsubscribing from {ConversationId} failed", conversationId);
        }
        finally
        {
            cluster.DeleteObjectReference<IConversationObserver>(_reference);
        }
    }

    /// <param name="Connection">The member's connection.</param>
    /// <param name="FromSeq">The first seq this connection is owed live; earlier entries came as its backlog, or are not its to see.</param>
    private sealed class Member(ClientConnection Connection, long FromSeq)
    {
        public ClientConnection Connection { get; } = Connection;
        public long FromSeq { get; } = FromSeq;

        /// <summary>While its backlog is being posted (outside the gate): its live entries, posted after it. Null once live.</summary>
        public List<SerializedHubMessage>? Held { get; set; }

        /// <summary>The connection left the feed (it closed): what is held for it is dropped.</summary>
        public bool Left { get; set; }
    }
}
