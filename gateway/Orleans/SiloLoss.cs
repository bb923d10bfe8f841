namespace GoChat.Gateway.Orleans;

/// <summary>
/// Signals that a silo left the cluster (died, or the gateway lost sight of the cluster). A grain call that was on
/// its way to that silo gets no answer until its response timeout, so repeatable hub calls wait on
/// <see cref="Token"/> too and run again at once when it fires, instead of holding the client for the full timeout.
/// </summary>
public sealed class SiloLoss
{
    private CancellationTokenSource _current = new();

    /// <summary>Cancelled at the next loss.</summary>
    public CancellationToken Token => Volatile.Read(ref _current).Token;

    public void Signal()
    {
        // Not disposed: a caller may have read the old source just before the exchange and still ask for its
        // Token, which a disposed source refuses. Without timers it holds nothing the GC does not reclaim.
        var previous = Interlocked.Exchange(ref _current, new CancellationTokenSource());
        previous.Cancel();
    }
}
