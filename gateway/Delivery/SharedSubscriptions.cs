using GoChat.GrainInterfaces;
using Orleans.Streams;

namespace GoChat.Gateway.Delivery;

/// <summary>
/// Ref-counted stream subscriptions keyed by id: the first local connection that needs a stream
/// subscribes, the last one to let go unsubscribes. Used for user streams and presence streams.
/// </summary>
public sealed class SharedSubscriptions<TEvent>(IClusterClient cluster, string streamNamespace, Func<Guid, TEvent, IReadOnlyCollection<string>, Task> onEvent, ILogger logger)
{
    private readonly Dictionary<Guid, Entry> _entries = [];
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task Acquire(Guid key, string connectionId)
    {
        await _gate.WaitAsync();
        try
        {
            if (!_entries.TryGetValue(key, out var entry))
            {
                entry = new Entry();
                var stream = cluster.GetStreamProvider(StreamNames.Provider).GetStream<TEvent>(StreamId.Create(streamNamespace, key));
                entry.Handle = await stream.SubscribeAsync((evt, _) => Dispatch(key, entry, evt));
                _entries[key] = entry;
            }
            lock (entry.Connections) entry.Connections.Add(connectionId);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task Release(Guid key, string connectionId)
    {
        StreamSubscriptionHandle<TEvent>? toDrop = null;
        await _gate.WaitAsync();
        try
        {
            if (!_entries.TryGetValue(key, out var entry)) return;
            lock (entry.Connections)
            {
                entry.Connections.Remove(connectionId);
                if (entry.Connections.Count > 0) return;
            }
            _entries.Remove(key);
            toDrop = entry.Handle;
        }
        finally
        {
            _gate.Release();
        }
        try
        {
            if (toDrop is not null) await toDrop.UnsubscribeAsync();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Unsubscribing from {Namespace}/{Key} failed", streamNamespace, key);
        }
    }

    private async Task Dispatch(Guid key, Entry entry, TEvent evt)
    {
        List<string> targets;
        lock (entry.Connections) targets = [.. entry.Connections];
        try
        {
            await onEvent(key, evt, targets);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Handling a {Namespace} event for {Key} failed", streamNamespace, key);
        }
    }

    private sealed class Entry
    {
        public HashSet<string> Connections { get; } = [];
        public StreamSubscriptionHandle<TEvent>? Handle { get; set; }
    }
}
