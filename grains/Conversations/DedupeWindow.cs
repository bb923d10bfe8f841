namespace GoChat.Grains.Conversations;

/// <summary>
/// The acks of the most recent client message ids of a conversation, in flight or done, so a resend
/// (even one racing the original) gets the original's ack instead of becoming a second message.
/// </summary>
public sealed class DedupeWindow(int capacity)
{
    private readonly Dictionary<(Guid, string), Task<SendAck>> _acks = [];
    private readonly Queue<(Guid, string)> _order = new();

    public bool TryGet(Guid sender, string clientId, out Task<SendAck> ack)
    {
        if (_acks.TryGetValue((sender, clientId), out var found) && !found.IsFaulted)
        {
            ack = found;
            return true;
        }
        ack = null!;
        return false;
    }

    public void Remember(Guid sender, string clientId, Task<SendAck> ack)
    {
        var key = (sender, clientId);
        if (_acks.TryAdd(key, ack)) _order.Enqueue(key);
        else _acks[key] = ack;
        while (_order.Count > capacity) _acks.Remove(_order.Dequeue());
    }
}
