using System.Collections.Concurrent;

namespace GoChat.Gateway.Delivery;

/// <summary>The connections this gateway holds, and for each one what it is subscribed to.</summary>
public sealed class ConnectionRegistry
{
    private readonly ConcurrentDictionary<string, ClientConnection> _connections = new();
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, ClientConnection>> _byUser = new();

    public ClientConnection Add(string connectionId, Guid userId, bool readReceipts, int sessionEpoch, Action abort)
    {
        var connection = new ClientConnection(connectionId, userId, sessionEpoch, abort) { ReadReceipts = readReceipts };
        _connections[connectionId] = connection;
        _byUser.GetOrAdd(userId, _ => new())[connectionId] = connection;
        return connection;
    }

    public ClientConnection? Remove(string connectionId)
    {
        if (!_connections.TryRemove(connectionId, out var connection)) return null;
        if (_byUser.TryGetValue(connection.UserId, out var set))
        {
            set.TryRemove(connectionId, out _);
            if (set.IsEmpty) _byUser.TryRemove(new KeyValuePair<Guid, ConcurrentDictionary<string, ClientConnection>>(connection.UserId, set));
        }
        return connection;
    }

    public ClientConnection? Get(string connectionId) => _connections.GetValueOrDefault(connectionId);

    public IReadOnlyCollection<ClientConnection> All => [.. _connections.Values];

    public IReadOnlyCollection<ClientConnection> OfUser(Guid userId) =>
        _byUser.TryGetValue(userId, out var set) ? set.Values.ToList() : [];

}

public sealed class ClientConnection(string id, Guid userId, int sessionEpoch, Action abort)
{
    public string Id { get; } = id;
    public Guid UserId { get; } = userId;
    /// <summary>The session epoch of the token this connection was opened with.</summary>
    public int SessionEpoch { get; } = sessionEpoch;
    /// <summary>When a draining gateway told this client to move; null until then.</summary>
    public DateTime? DrainNoticeAt { get; set; }

    private int _calls;
    private long _lastCallEndedTicks = DateTime.UtcNow.Ticks;
    private int _closing;

    /// <summary>Closes the connection from the server side (its sessions ended).</summary>
    public void Abort() => abort();

    public void CallStarted() => Interlocked.Increment(ref _calls);

    public void CallEnded()
    {
        Interlocked.Exchange(ref _lastCallEndedTicks, DateTime.UtcNow.Ticks);
        Interlocked.Decrement(ref _calls);
    }

    /// <summary>No hub call is running, and the last one ended at least this long ago (its answer has gone out).</summary>
    public bool IdleFor(TimeSpan quiet) =>
        Volatile.Read(ref _calls) == 0 && DateTime.UtcNow.Ticks - Interlocked.Read(ref _lastCallEndedTicks) >= quiet.Ticks;

    /// <summary>Closes the connection once; false if it was already being closed.</summary>
    public bool TryClose()
    {
        if (Interlocked.Exchange(ref _closing, 1) == 1) return false;
        abort();
        return true;
    }
    /// <summary>Whether this user shares and sees read receipts; refreshed when settings change on any device.</summary>
    public volatile bool ReadReceipts;
    /// <summary>Conversations whose feed this connection has joined (guarded by itself).</summary>
    public HashSet<Guid> Conversations { get; } = [];
    public HashSet<Guid> WatchedPresence { get; } = [];
    public volatile bool Synced;
}
