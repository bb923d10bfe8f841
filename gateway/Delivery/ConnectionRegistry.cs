using System.Collections.Concurrent;
using GoChat.Gateway.Telemetry;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace GoChat.Gateway.Delivery;

/// <summary>The connections this gateway holds, and for each one what it is subscribed to.</summary>
public sealed class ConnectionRegistry(IOptions<DeliveryOptions> options, GatewayMetrics metrics, ILogger<ConnectionRegistry> logger)
{
    private readonly ConcurrentDictionary<string, ClientConnection> _connections = new();
    // A user has a device or two here: a copied array per change costs less than a dictionary per user
    // (about 500 bytes each, a tenth of an idle connection's cost) and is read without locks.
    private readonly ConcurrentDictionary<Guid, ClientConnection[]> _byUser = new();

    public ClientConnection Add(HubConnectionContext hubConnection, Guid userId, bool readReceipts, int sessionEpoch, Guid? deviceId)
    {
        var connection = new ClientConnection(hubConnection.ConnectionId, userId, sessionEpoch, deviceId, hubConnection.Abort) { ReadReceipts = readReceipts };
        var capacity = options.Value.OutboxCapacity;
        connection.Outbox = new Outbox(hubConnection, capacity, () => SlowConsumer(connection, capacity));
        _connections[connection.Id] = connection;
        _byUser.AddOrUpdate(userId, _ => [connection], (_, devices) => [.. devices, connection]);
        return connection;
    }

    public ClientConnection? Remove(string connectionId)
    {
        if (!_connections.TryRemove(connectionId, out var connection)) return null;
        while (_byUser.TryGetValue(connection.UserId, out var devices))
        {
            var rest = Array.FindAll(devices, d => d != connection);
            var swapped = rest.Length == 0
                ? _byUser.TryRemove(new KeyValuePair<Guid, ClientConnection[]>(connection.UserId, devices))
                : _byUser.TryUpdate(connection.UserId, rest, devices);
            if (swapped) break;
        }
        return connection;
    }

    private void SlowConsumer(ClientConnection connection, int capacity)
    {
        connection.TryClose();
        metrics.SlowConsumerClosed();
        logger.LogWarning("Closed connection {ConnectionId} of {UserId}: {Capacity} pushes waited for it; it resyncs when it reconnects",
            connection.Id, connection.UserId, capacity);
    }

    public ClientConnection? Get(string connectionId) => _connections.GetValueOrDefault(connectionId);

    public IReadOnlyCollection<ClientConnection> All => [.. _connections.Values];

    /// <summary>A snapshot: arrays here are replaced, never changed.</summary>
    public IReadOnlyCollection<ClientConnection> OfUser(Guid userId) => _byUser.GetValueOrDefault(userId) ?? [];
}

public sealed class ClientConnection(string id, Guid userId, int sessionEpoch, Guid? deviceId, Action abort)
{
    public string Id { get; } = id;
    public Guid UserId { get; } = userId;
    /// <summary>The session epoch of the token this connection was opened with.</summary>
    public int SessionEpoch { get; } = sessionEpoch;
    /// <summary>The device session of that token (null for a development sign-in): its end cuts this connection.</summary>
    public Guid? DeviceId { get; } = deviceId;
    /// <summary>What is on its way to this connection; every push to it goes through here.</summary>
    public Outbox Outbox { get; internal set; } = null!;
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

    /// <summary>The conversation on this connection's screen (null: none); typing signals go only there. A boxed Guid, so it is read whole.</summary>
    public Guid? OpenConversation
    {
        get => (Guid?)_openConversation;
        set => _openConversation = value;
    }
    private volatile object? _openConversation;
}
