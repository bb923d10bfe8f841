using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GoChat.Grains.Storage;

/// <summary>
/// The silo's one writer of delivered and read cursors. Changes are coalesced per (user, conversation), keeping the
/// highest of each cursor, and stored every <see cref="CursorOptions.FlushIntervalMs"/> (sooner when
/// <see cref="CursorOptions.MaxPending"/> are waiting) as one UPDATE for the whole batch: a user reading through
/// twenty messages costs one row change, and ten thousand members' receipts cost one statement, not ten thousand
/// grain state writes. The SQL keeps the greater value, so a late or replayed batch never moves a cursor back.
/// </summary>
public sealed class CursorWriter : IAsyncDisposable
{
    private readonly CursorStore _store;
    private readonly ILogger<CursorWriter> _logger;
    private readonly TimeSpan _interval;
    private readonly int _maxPending;
    private readonly object _lock = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private Dictionary<(Guid User, Guid Conversation), (long Delivered, long Read)> _pending = [];
    /// <summary>Completes when the batch now filling has been attempted.</summary>
    private TaskCompletionSource _next = NewSignal();
    /// <summary>Completes when the batch being written has been attempted; null while none is.</summary>
    private Task? _writing;

    public CursorWriter(CursorStore store, IOptions<CursorOptions> options, ILogger<CursorWriter> logger)
    {
        _store = store;
        _logger = logger;
        _interval = TimeSpan.FromMilliseconds(options.Value.FlushIntervalMs);
        _maxPending = options.Value.MaxPending;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Queues the cursors of one member; only the highest of each is kept until the next write.</summary>
    public void Enqueue(Guid userId, Guid conversationId, long deliveredSeq, long readSeq)
    {
        bool full;
        lock (_lock)
        {
            var key = (userId, conversationId);
            _pending[key] = _pending.TryGetValue(key, out var held)
                ? (Math.Max(held.Delivered, deliveredSeq), Math.Max(held.Read, readSeq))
                : (deliveredSeq, readSeq);
            full = _pending.Count >= _maxPending;
        }
        if (full) _wake.Release();
    }

    /// <summary>
    /// Writes what is queued now and completes once that write was attempted (a failed write is kept and retried):
    /// for a reader that must see the cursors it just queued (the conversation list), and before deactivating.
    /// </summary>
    public Task FlushAsync()
    {
        Task done;
        lock (_lock)
        {
            if (_pending.Count == 0) return _writing ?? Task.CompletedTask;
            done = _next.Task;
        }
        _wake.Release();
        return done;
    }

    private async Task RunAsync()
    {
        var stopping = _stop.Token;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await _wake.WaitAsync(_interval, stopping);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            await WriteBatch();
        }
        await WriteBatch(); // whatever came in while stopping
    }

    private async Task WriteBatch()
    {
        Dictionary<(Guid User, Guid Conversation), (long Delivered, long Read)> batch;
        TaskCompletionSource done;
        lock (_lock)
        {
            if (_pending.Count == 0) return;
            batch = _pending;
            _pending = [];
            done = _next;
            _next = NewSignal();
            _writing = done.Task;
        }
        try
        {
            await _store.WriteCursors(batch.Select(kv => new CursorChange(kv.Key.User, kv.Key.Conversation, kv.Value.Delivered, kv.Value.Read)).ToList());
        }
        catch (Exception ex)
        {
            // Keep them (merged with anything newer) for the next round; a cursor is worth retrying, never worth an error to a reader.
            _logger.LogWarning(ex, "Storing {Count} cursor(s) failed; will retry", batch.Count);
            lock (_lock)
            {
                foreach (var (key, value) in batch)
                {
                    _pending[key] = _pending.TryGetValue(key, out var newer)
                        ? (Math.Max(newer.Delivered, value.Delivered), Math.Max(newer.Read, value.Read))
                        : value;
                }
            }
        }
        finally
        {
            lock (_lock) _writing = null;
            done.TrySetResult();
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
