using GoChat.Grains.Storage;

namespace GoChat.Grains.Conversations;

/// <summary>
/// The reactions of the messages reacted to in this activation, so that a toggle is checked against what is really
/// there (no second "add" of the same emoji, at most <see cref="Limits.MaxReactionsPerUser"/> per member and message).
/// A message's reactions are read from the log once; every entry of this activation is applied in the same turn that
/// takes its seq, so the book is never behind what is in flight.
/// </summary>
internal sealed class ReactionBook(Guid conversationId, ReactionStore store, Func<long> publishedSeq)
{
    /// <summary>Messages kept; past it, those with nothing in flight are forgotten (read again when reacted to).</summary>
    private const int MaxMessages = 1000;

    private readonly Dictionary<long, Entry> _messages = [];

    /// <summary>
    /// The entry that makes the change (from <paramref name="next"/>, which takes the seq), or null when the member's
    /// reactions already are as asked: adding an emoji they have, removing one they have not.
    /// </summary>
    public async Task<ChatMessage?> Change(Guid user, long seq, string emoji, bool add, Func<ChatMessage> next)
    {
        var book = await Load(seq);
        var mine = book.ByUser.TryGetValue(user, out var m) ? m : [];
        if (add == mine.Contains(emoji)) return null;
        if (add && mine.Count >= Limits.MaxReactionsPerUser)
        {
            throw new GoChatException(ErrorCodes.TooManyReactions, $"A member puts at most {Limits.MaxReactionsPerUser} reactions on one message.");
        }
        var entry = next();
        ReactionStore.Apply(book.ByUser, user, entry.Kind, emoji);
        book.LastSeq = entry.Seq;
        return entry;
    }

    private async Task<Entry> Load(long seq)
    {
        if (!_messages.TryGetValue(seq, out var entry))
        {
            if (_messages.Count >= MaxMessages) Forget();
            // Concurrent reactions to one message share the one read: the first to arrive starts it.
            _messages[seq] = entry = new Entry(store.Current(conversationId, seq));
        }
        try
        {
            entry.ByUser = await entry.Loading;
        }
        catch
        {
            _messages.Remove(seq); // read again next time
            throw;
        }
        return entry;
    }

    private void Forget()
    {
        var durable = publishedSeq();
        foreach (var (seq, e) in _messages.ToList())
        {
            if (e.Loading.IsCompletedSuccessfully && e.LastSeq <= durable) _messages.Remove(seq);
        }
    }

    private sealed class Entry(Task<Dictionary<Guid, List<string>>> loading)
    {
        public Task<Dictionary<Guid, List<string>>> Loading { get; } = loading;
        public Dictionary<Guid, List<string>> ByUser { get; set; } = [];
        /// <summary>The seq of this activation's newest reaction entry to the message.</summary>
        public long LastSeq { get; set; }
    }
}
