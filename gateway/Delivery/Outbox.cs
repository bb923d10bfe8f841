using Microsoft.AspNetCore.SignalR;

namespace GoChat.Gateway.Delivery;

/// <summary>
/// What is on its way to one connection, written in the order it was posted by one drain at a time. Feeds post
/// and go on, so a client that reads slowly holds up only its own outbox, never a feed or another client.
/// </summary>
/// <remarks>
/// A live push never waits: one that finds the outbox full means the client cannot keep up, and the connection
/// is closed; it syncs from its last seqs when it reconnects, which gives it exactly what it missed. A backlog
/// (<see cref="PostWhenRoomAsync"/>) waits instead while the outbox is half full, so a reconnect's catch-up paces
/// itself to the client and leaves the other half to live pushes of its other conversations.
/// The drain starts on the posting thread and writes what the socket takes at once (a copy into its pipe); only
/// when the client's socket is full does it continue later on the thread pool.
/// </remarks>
public sealed class Outbox(HubConnectionContext connection, int capacity, Action slow)
{
    private readonly Queue<SerializedHubMessage> _queue = new();
    private TaskCompletionSource<bool>? _room;
    private bool _draining;
    private bool _closed;

    public int Capacity => capacity;

    private int BacklogShare => Math.Max(1, capacity / 2);

    /// <summary>Set once the connection is closing: posts are dropped from then on.</summary>
    public bool Closed
    {
        get { lock (_queue) return _closed; }
    }

    /// <summary>Posts a live push. False if the connection is closing, or was just closed because it cannot keep up.</summary>
    public bool TryPost(SerializedHubMessage message)
    {
        bool full, start = false;
        lock (_queue)
        {
            if (_closed) return false;
            full = _queue.Count >= capacity;
            if (!full) start = Enqueue(message);
        }
        if (full)
        {
            GiveUp();
            return false;
        }
        if (start) _ = Drain();
        return true;
    }

    /// <summary>Posts part of a backlog once the outbox is less than half full. False if the connection is closing.</summary>
    public async ValueTask<bool> PostWhenRoomAsync(SerializedHubMessage message)
    {
        while (true)
        {
            Task<bool>? room = null;
            var start = false;
            lock (_queue)
            {
                if (_closed) return false;
                // Half full or more means a drain is running: it signals the room once it has written enough.
                if (_queue.Count < BacklogShare) start = Enqueue(message);
                else room = (_room ??= new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }
            if (room is null)
            {
                if (start) _ = Drain();
                return true;
            }
            if (!await room) return false;
        }
    }

    /// <summary>Closes the connection as one that cannot keep up with what it is sent.</summary>
    public void GiveUp()
    {
        if (Close()) slow();
    }

    /// <summary>Drops what waits and refuses what comes; true if this call closed it.</summary>
    public bool Close()
    {
        TaskCompletionSource<bool>? room;
        lock (_queue)
        {
            if (_closed) return false;
            _closed = true;
            _queue.Clear();
            room = _room;
            _room = null;
        }
        room?.TrySetResult(false);
        return true;
    }

    /// <summary>Under the lock; true if a drain must be started.</summary>
    private bool Enqueue(SerializedHubMessage message)
    {
        _queue.Enqueue(message);
        if (_draining) return false;
        _draining = true;
        return true;
    }

    private async Task Drain()
    {
        try
        {
            while (true)
            {
                SerializedHubMessage next;
                TaskCompletionSource<bool>? room = null;
                lock (_queue)
                {
                    if (_closed || !_queue.TryDequeue(out next!))
                    {
                        _draining = false;
                        return;
                    }
                    if (_room is not null && _queue.Count < BacklogShare)
                    {
                        room = _room;
                        _room = null;
                    }
                }
                room?.TrySetResult(true);
                // SignalR serializes the message once per protocol, whoever it goes to; here it is only copied.
                await connection.WriteAsync(next);
            }
        }
        catch
        {
            // The connection is going (SignalR logs the failed write and aborts it); nothing more can reach it.
            Close();
        }
    }
}
