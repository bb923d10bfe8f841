using GoChat.Grains.Storage;

namespace GoChat.Grains.Conversations;

/// <summary>
/// The dedupe window of a log's writer (a conversation, a channel), with the client ids of the last entries before this
/// activation: read once, with only the columns an ack needs, when the first send arrives. An activation by a reconnect
/// that sends nothing never reads them. Retried on the next send if the read failed.
/// </summary>
internal sealed class RecentSends(Guid logId, IMessageLog log, int capacity)
{
    private Task? _load;

    public DedupeWindow Window { get; } = new(capacity);

    public Task Ready(long lastSeqAtActivation)
    {
        if (_load is { IsFaulted: true }) _load = null;
        return _load ??= Load(lastSeqAtActivation);
    }

    private async Task Load(long lastSeq)
    {
        if (lastSeq == 0) return;
        var recent = await log.ReadRecentClientIds(logId, capacity);
        // Oldest first, so the window forgets the oldest first.
        for (var i = recent.Count - 1; i >= 0; i--)
        {
            var m = recent[i];
            Window.Remember(m.SenderId, m.ClientMessageId, Task.FromResult(new SendAck(logId, m.Seq, m.SentAt, Duplicate: true)));
        }
    }
}
