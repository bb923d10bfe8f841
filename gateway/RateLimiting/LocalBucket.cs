using GoChat.GrainInterfaces;

namespace GoChat.Gateway.RateLimiting;

/// <summary>A budget that lives on this gateway only: a device's, whose connection is here.</summary>
internal sealed class LocalBucket(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly TokenBucket _bucket = new(time);

    public long LastUsed { get; private set; }

    /// <returns>Zero when a permit was taken; otherwise how long until one may be.</returns>
    public TimeSpan TryTake(RateRule rule)
    {
        lock (_gate)
        {
            LastUsed = time.GetTimestamp();
            return _bucket.Take(rule, 1) == 1 ? TimeSpan.Zero : _bucket.UntilNext(rule);
        }
    }

    /// <summary>Puts back a permit taken for a call that a wider budget then refused: that call did nothing.</summary>
    public void GiveBack(RateRule rule)
    {
        lock (_gate) _bucket.Take(rule, 0, returned: 1);
    }

    public bool IsIdle(RateRule rule)
    {
        lock (_gate) return _bucket.IsFull(rule);
    }
}
