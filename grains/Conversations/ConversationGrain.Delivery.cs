using GoChat.GrainInterfaces.Events;

namespace GoChat.Grains.Conversations;

/// <summary>How entries reach members: history reads, gateway subscriptions, cursors, receipts and typing.</summary>
public sealed partial class ConversationGrain
{
    public async Task<IReadOnlyList<ChatMessage>> GetAfter(Guid requester, long afterSeq, int limit)
    {
        var member = RequireMember(requester);
        var from = Math.Max(afterSeq, member.JoinedSeq - 1);
        return await log.ReadAfter(this.GetPrimaryKey(), from, Math.Clamp(limit, 1, Limits.MaxHistoryPage));
    }

    public async Task<IReadOnlyList<ChatMessage>> ReadForDelivery(long afterSeq, int limit)
    {
        if (!Exists) throw GoChatException.NotFound();
        // Only what has been published: an entry above that may not be durable yet.
        var page = await log.ReadAfter(this.GetPrimaryKey(), afterSeq, Math.Clamp(limit, 1, Limits.MaxHistoryPage));
        var published = _pipeline.PublishedSeq;
        return page.Where(m => m.Seq <= published).ToList();
    }

    public async Task<IReadOnlyList<ChatMessage>> GetBefore(Guid requester, long beforeSeq, int limit)
    {
        var member = RequireMember(requester);
        return await log.ReadBefore(this.GetPrimaryKey(), beforeSeq, member.JoinedSeq, Math.Clamp(limit, 1, Limits.MaxHistoryPage));
    }

    public Task<long> Subscribe(IConversationObserver observer)
    {
        if (!Exists) throw GoChatException.NotFound();
        return Task.FromResult(_pipeline.Subscribe(observer));
    }

    public Task Unsubscribe(IConversationObserver observer)
    {
        _pipeline.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public Task UpdateCursors(Guid user, long deliveredSeq, long readSeq, bool sharesReadReceipts)
    {
        if (!S.Members.TryGetValue(user, out var m)) return Task.CompletedTask;
        var delivered = Math.Clamp(Math.Max(deliveredSeq, readSeq), m.DeliveredSeq, _lastSeq);
        var read = Math.Clamp(readSeq, m.ReadSeq, delivered);
        var changed = delivered != m.DeliveredSeq || read != m.ReadSeq || sharesReadReceipts != m.SharesReadReceipts;
        if (!changed) return Task.CompletedTask;
        var before = new ReceiptTally.Cursors(m.DeliveredSeq, m.ReadSeq, m.SharesReadReceipts);
        m.DeliveredSeq = delivered;
        m.ReadSeq = read;
        m.SharesReadReceipts = sharesReadReceipts;
        // A direct chat's two members both see each cursor; a group's go to the senders as counts (ReceiptTally).
        if (S.Kind == ConversationKind.Group) _receipts.Moved(user, before, m);
        else _pipeline.Publish(new ConversationEvent(Receipt: new Receipt(this.GetPrimaryKey(), user, delivered, sharesReadReceipts ? read : null)));
        return Task.CompletedTask;
    }

    public async Task<MessageReceipts> GetReceipts(Guid requester, long seq)
    {
        RequireMember(requester);
        var message = seq >= 1 && seq <= _pipeline.PublishedSeq ? await log.Get(this.GetPrimaryKey(), seq) : null;
        if (message is null || message.Kind != MessageKind.Text || message.Deleted) throw new GoChatException(ErrorCodes.MessageNotFound, "No such message.");
        if (message.SenderId != requester) throw new GoChatException(ErrorCodes.Forbidden, "Only the sender can see who received and read a message.");
        RequireMember(requester); // still, after the read
        return ReceiptTally.Who(this.GetPrimaryKey(), seq, requester, S.Members);
    }

    public Task Typing(Guid user, bool isTyping)
    {
        RequireMember(user);
        _pipeline.Publish(new ConversationEvent(Typing: new TypingSignal(this.GetPrimaryKey(), user, isTyping)));
        return Task.CompletedTask;
    }
}
